import type { Config } from '../config/load-config.js';
import { formatError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Embedder } from '../embedding/embedder.js';
import type { Reranker } from '../answer/answer-engine.js';
import { loadTransformersEmbedder } from '../embedding/transformers-embedder.js';
import { loadTransformersReranker } from '../embedding/transformers-reranker.js';
import { loadSynonyms } from '../lexicon/load-synonyms.js';
import { loadWordVectors } from '../lexicon/load-word-vectors.js';
import { Synonyms } from '../lexicon/synonyms.js';
import type { WordVectors } from '../lexicon/word-vectors.js';

/**
 * The configured embedding model, or null when it cannot be loaded (offline and
 * not cached): citebot then works from keyword search alone, and says so once.
 */
export async function openEmbedder(config: Config, logger: Logger): Promise<Embedder | null> {
  const loaded = await loadTransformersEmbedder({
    model: config.EMBEDDING_MODEL,
    dtype: config.EMBEDDING_DTYPE,
    cacheDir: config.MODEL_CACHE_DIR,
    batchSize: config.EMBEDDING_BATCH_SIZE,
    profile: {
      pooling: config.EMBEDDING_POOLING,
      queryPrefix: config.EMBEDDING_QUERY_PREFIX,
      passagePrefix: config.EMBEDDING_PASSAGE_PREFIX,
    },
  });
  if (loaded.ok) return loaded.value;
  logger.warn({ code: loaded.error.code }, `${formatError(loaded.error)} Answering from keyword search only.`);
  return null;
}

/** The cross-encoder named by RERANK_MODEL, if any; without it (or if it cannot load) answers are simply not reranked. */
export async function openReranker(config: Config, logger: Logger): Promise<Reranker | null> {
  if (!config.RERANK_MODEL) return null;
  const loaded = await loadTransformersReranker({ model: config.RERANK_MODEL, dtype: config.EMBEDDING_DTYPE, cacheDir: config.MODEL_CACHE_DIR });
  if (loaded.ok) return loaded.value;
  logger.warn({ code: loaded.error.code }, `${formatError(loaded.error)} Answering without reranking.`);
  return null;
}

/**
 * The word-vector table (LEXICON_FILE), or null when it is missing or damaged:
 * answers then match exact words only, and the log says how to restore it.
 */
export async function openWordVectors(config: Config, logger: Logger): Promise<WordVectors | null> {
  const loaded = await loadWordVectors(config.LEXICON_FILE);
  if (loaded.ok) return loaded.value;
  logger.warn({ code: loaded.error.code }, formatError(loaded.error));
  return null;
}

/**
 * The maintainer's synonyms (SYNONYMS_FILE), or none when the file is missing or
 * has a bad line: answers then go without them, and the log names the line.
 */
export async function openSynonyms(config: Config, logger: Logger): Promise<Synonyms> {
  const loaded = await loadSynonyms(config.SYNONYMS_FILE);
  if (loaded.ok) {
    if (loaded.value.size > 0) logger.info({ file: config.SYNONYMS_FILE, words: loaded.value.size }, 'synonyms loaded');
    return loaded.value;
  }
  logger.warn({ code: loaded.error.code }, formatError(loaded.error));
  return Synonyms.none;
}
