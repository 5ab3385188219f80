# citebot as a container: the Discord bot (`DISCORD_TOKEN` set), with /healthz and /metrics on 8080.
#   docker build -t citebot .
#   docker run -d --name citebot --init --stop-timeout 30 --env-file citebot.env \
#     -v citebot-index:/app/index -v citebot-data:/app/data -v citebot-cache:/app/.cache \
#     -p 127.0.0.1:8080:8080 citebot
# docs/deploy.md ("Docker") explains every flag.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------
# build: install the dependencies (compiling the native addon), then keep only what runs.
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build

# hnswlib-node is compiled by node-gyp; the compilers stay in this stage.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

# Compile against the Node.js headers already in the image instead of downloading them from nodejs.org.
ENV npm_config_nodedir=/usr/local

# package.json's `allowScripts` (which install scripts may run) is enforced by npm 11, the npm that
# wrote package-lock.json; Node 20 images ship npm 10, which ignores it and runs every install script.
ARG NPM_VERSION=11.19.1
RUN npm install -g npm@${NPM_VERSION} --no-audit --no-fund

WORKDIR /app

# .npmrc holds onnxruntime-node-install=skip: ONNX Runtime's CPU binaries are inside the npm package.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund

# Drop the dev dependencies. tsx stays: it is a production dependency because it runs the TypeScript
# at run time (there is no build step).
RUN npm prune --omit=dev --no-audit --no-fund

# onnxruntime-node ships binaries for every platform (~300 MB); keep this one's (linux/<arch>) only.
RUN arch="$(node -p process.arch)" \
 && test -f "node_modules/onnxruntime-node/bin/napi-v6/linux/${arch}/onnxruntime_binding.node" \
 && find node_modules/onnxruntime-node/bin/napi-v6 -mindepth 2 -maxdepth 2 -type d \
      ! -path "node_modules/onnxruntime-node/bin/napi-v6/linux/${arch}" -exec rm -rf {} +

# Fail the build here, not at run time, if a production dependency, tsx or a native addon
# (hnswlib-node, onnxruntime-node) cannot be loaded from the pruned node_modules.
COPY tsconfig.json ./
COPY src ./src
RUN node --import tsx --input-type=module \
      -e "await import('./src/runtime/prepare.ts'); await import('./src/discord/bot.ts'); await import('./src/discord/client.ts'); await import('./src/cli/commands/all.ts'); console.log('modules load');"

# ---------------------------------------------------------------------------
# runtime: Node.js, the pruned node_modules, the code and the corpus; no compilers, no npm cache.
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

# HEALTH_HOST: citebot listens on loopback by default; in a container the published port needs all interfaces.
ENV NODE_ENV=production \
    HEALTH_PORT=8080 \
    HEALTH_HOST=0.0.0.0

# A fixed uid, so that host folders bind-mounted as volumes can be chowned to it (chown 10001:10001).
RUN groupadd --system --gid 10001 citebot \
 && useradd --system --uid 10001 --gid citebot --home-dir /home/citebot --create-home --shell /usr/sbin/nologin citebot

WORKDIR /app

# Everything below is owned by root: the bot can read its code and corpus but not change them.
COPY --from=build /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY docs/essays ./docs/essays
COPY eval/calibration.json ./eval/calibration.json
# The word-vector table (matching by meaning, ~11 MB) and the maintainer's synonyms.
COPY lexicon ./lexicon

# The three folders the bot writes. Created owned by citebot before VOLUME, so a new named volume
# starts out owned by citebot too. index/: the search index (INDEX_DIR); data/: per-server settings
# and feedback (DATA_DIR); .cache/: the downloaded embedding model (MODEL_CACHE_DIR=.cache/models).
RUN mkdir -p index data .cache/models \
 && chown citebot:citebot index data .cache .cache/models
VOLUME ["/app/index", "/app/data", "/app/.cache"]

USER citebot
EXPOSE 8080

# 200 only when the index is loaded and the gateway is connected. The slim image has no curl: Node's
# fetch does it. The start period covers the first start (model download and index build).
HEALTHCHECK --interval=30s --timeout=5s --start-period=5m --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HEALTH_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# citebot drains in-flight answers for up to 10 s on SIGTERM: give `docker stop` more than that
# (docker run --stop-timeout 30, or stop_grace_period: 30s in compose).
STOPSIGNAL SIGTERM

# Node itself, not `npm start`: `npm start` runs npm, which runs the tsx CLI, which runs node as a
# child process, and a signal has to pass through each of them. `node --import tsx` loads tsx in the
# same process, so SIGTERM from `docker stop` reaches citebot's shutdown handler directly. Run with
# `--init` so that a signal sent before that handler is installed (during the first model download)
# still stops the container: a process running as PID 1 gets no default signal handling.
CMD ["node", "--import", "tsx", "src/main.ts"]
