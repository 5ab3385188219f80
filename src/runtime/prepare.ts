import type { Config } from '../config/load-config.js';
import { type CitebotError, formatError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Result } from '../core/result.js';
import type { Embedder } from '../embedding/embedder.js';
import type { BuildProgress } from '../index/build-index.js';
import { EngineHolder } from './engine-holder.js';
import { openEmbedder, openReranker, openSynonyms, openWordVectors } from './open-models.js';
import { readCalibration } from './read-calibration.js';
import { reindex } from './reindex.js';

export interface Prepared {
  readonly embedder: Embedder | null;
  readonly engines: EngineHolder;
}

/**
 * Everything `npm start` needs before it can answer: the model (or keyword mode),
 * an index brought up to date with the corpus (built on a fresh clone, with
 * progress; a no-op when nothing changed), and an engine on it.
 */
export async function prepareEngine(config: Config, logger: Logger, progress?: BuildProgress): Promise<Result<Prepared, CitebotError>> {
  const embedder = await openEmbedder(config, logger);
  const words = await openWordVectors(config, logger);
  const built = await reindex(config, { embedder, words }, { full: false, logger, ...(progress ? { progress } : {}) });
  if (built.ok) {
    const { summary } = built.value;
    const changed = summary.added.length + summary.updated.length + summary.removed.length;
    if (changed > 0 || summary.rebuildReason) logger.info({ added: summary.added, updated: summary.updated, removed: summary.removed }, 'index updated from the corpus');
  } else if (built.error.code === 'INDEX_READ_ONLY') {
    // A deploy that ships a built index and mounts it read-only: nothing is wrong, so no warning on every start.
    logger.info({ code: built.error.code }, `answering from the index as it is: ${built.error.message}`);
  } else {
    // Someone else may be indexing, the corpus may be absent in a read-only deploy, the disk may be full, or the model
    // may be unreachable (updating would then throw the vectors away): use the index that exists.
    logger.warn({ code: built.error.code }, `could not update the index: ${formatError(built.error)}`);
  }
  const calibration = await readCalibration(config.CALIBRATION_FILE, logger);
  const reranker = await openReranker(config, logger);
  const synonyms = await openSynonyms(config, logger);
  const engines = new EngineHolder(config, { embedder, reranker, words, synonyms, calibration, logger });
  const loaded = await engines.load();
  if (!loaded.ok) return loaded;
  return { ok: true, value: { embedder, engines } };
}
