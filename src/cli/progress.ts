import cliProgress from 'cli-progress';
import type { Logger } from 'pino';
import type { BuildProgress } from '../index/build-index.js';

const LOG_EVERY_MS = 5_000;

/**
 * A bar with counts and ETA when stderr is a terminal; otherwise (CI, systemd,
 * Docker logs) a plain log line every few seconds, which a bar would garble.
 */
export function buildProgress(logger: Logger, interactive = process.stderr.isTTY === true): BuildProgress {
  return interactive ? terminalBar() : logLines(logger);
}

function terminalBar(): BuildProgress {
  const bar = new cliProgress.SingleBar(
    {
      format: 'embedding {bar} {value}/{total} chunks · {percentage}% · ETA {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total) => {
      if (total > 0) bar.start(total, 0);
    },
    advance: (chunks) => bar.increment(chunks),
    stop: () => bar.stop(),
  };
}

function logLines(logger: Logger): BuildProgress {
  let total = 0;
  let done = 0;
  let startedAt = 0;
  let loggedAt = 0;
  return {
    start(count) {
      total = count;
      startedAt = loggedAt = Date.now();
      if (total > 0) logger.info({ chunks: total }, 'embedding chunks');
    },
    advance(chunks) {
      done += chunks;
      const now = Date.now();
      if (now - loggedAt < LOG_EVERY_MS && done < total) return;
      loggedAt = now;
      const perSecond = done / Math.max((now - startedAt) / 1000, 1e-3);
      const etaSeconds = Math.round((total - done) / Math.max(perSecond, 1e-3));
      logger.info({ done, total, perSecond: Math.round(perSecond), etaSeconds }, 'embedding progress');
    },
    stop() {},
  };
}
