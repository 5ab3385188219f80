import type { Config } from '../config/load-config.js';
import type { CitebotError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { err, ok, type Result } from '../core/result.js';
import { readCorpus } from '../corpus/read-corpus.js';
import type { Embedder } from '../embedding/embedder.js';
import { type BuildProgress, type BuildSummary, buildIndex } from '../index/build-index.js';
import type { WordVectors } from '../lexicon/word-vectors.js';

export interface ReindexOutcome {
  readonly summary: BuildSummary;
  /** Corpus files that were not indexed, each with its reason. */
  readonly skipped: readonly CitebotError[];
  /** Documents indexed despite damage worth fixing (invalid UTF-8 replaced). */
  readonly warnings: readonly CitebotError[];
}

/** HNSW graph parameters: M=16, efConstruction=200 are hnswlib's recommended defaults for recall near 1. */
export const HNSW_BUILD = { m: 16, efConstruction: 200 } as const;
/** Chosen by measurement: the smallest ef with recall@10 ≥ 0.99 at every benchmarked size with the test model (docs/benchmarks.md). */
export const HNSW_EF_SEARCH = 150;
/** A long build saves its first checkpoint after this long, later ones further apart (see BuildOptions.checkpointMs). */
export const CHECKPOINT_MS = 60_000;

/** Reads the corpus folder and brings the index folder up to date with it. */
export async function reindex(
  config: Config,
  models: { readonly embedder: Embedder | null; readonly words: WordVectors | null },
  options: { readonly full: boolean; readonly progress?: BuildProgress; readonly logger: Logger },
): Promise<Result<ReindexOutcome, CitebotError>> {
  const corpus = await readCorpus(config.CORPUS_DIR, { maxDocumentBytes: config.MAX_DOCUMENT_BYTES });
  if (!corpus.ok) return corpus;
  for (const problem of [...corpus.value.skipped, ...corpus.value.warnings]) options.logger.warn({ code: problem.code }, problem.message);
  const built = await buildIndex(corpus.value.documents, models.embedder, {
    words: models.words,
    dir: config.INDEX_DIR,
    full: options.full,
    chunkMaxTokens: config.CHUNK_MAX_TOKENS,
    hnsw: { ...HNSW_BUILD, efSearch: HNSW_EF_SEARCH },
    checkpointMs: CHECKPOINT_MS,
    logger: options.logger,
    ...(options.progress ? { progress: options.progress } : {}),
  });
  if (!built.ok) return err(built.error);
  return ok({ summary: built.value, skipped: corpus.value.skipped, warnings: corpus.value.warnings });
}
