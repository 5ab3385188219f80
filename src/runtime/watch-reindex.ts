import type { Config } from '../config/load-config.js';
import { type CitebotError, formatError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Result } from '../core/result.js';
import { reindex, type ReindexOutcome } from './reindex.js';
import { watchCorpus } from './watch-corpus.js';

export interface WatchOptions {
  readonly debounceMs: number;
  readonly logger: Logger;
  /** Called after every build, with its outcome. */
  readonly onBuilt: (outcome: Result<ReindexOutcome, CitebotError>) => void;
}

/** A build that found the index locked by another process is tried again after this long. */
const BUSY_RETRY_MS = 2_000;

/**
 * Re-indexes whenever the corpus changes, one build at a time: changes that arrive
 * during a build are gathered into one more build after it. A bad file is skipped
 * by the build as always; a failed build is reported and the watch goes on.
 * Resolves when `stop` is called, after the running build has finished.
 */
export function watchAndReindex(config: Config, models: Parameters<typeof reindex>[1], options: WatchOptions): { ready: Promise<void>; stop: () => Promise<void> } {
  let building: Promise<void> | undefined;
  let pending = false;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const build = async () => {
    const outcome = await reindex(config, models, { full: false, logger: options.logger }).catch((error: unknown) => {
      options.logger.error({ err: error }, 'index build failed; still watching');
      return undefined;
    });
    if (!outcome) return;
    options.onBuilt(outcome);
    if (!outcome.ok && outcome.error.code === 'INDEX_BUSY' && !stopped) {
      options.logger.warn(formatError(outcome.error));
      retry = setTimeout(request, BUSY_RETRY_MS);
    }
  };
  const request = () => {
    if (stopped) return;
    if (building) {
      pending = true;
      return;
    }
    building = (async () => {
      do {
        pending = false;
        await build();
      } while (pending && !stopped);
      building = undefined;
    })();
  };
  const watcher = watchCorpus(config.CORPUS_DIR, request, { debounceMs: options.debounceMs });
  return {
    ready: watcher.ready,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await watcher.close();
      await building;
    },
  };
}
