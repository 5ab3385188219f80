import { readCorpus } from '../../src/corpus/read-corpus.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { type BuildSummary, buildIndex } from '../../src/index/build-index.js';
import type { WordVectors } from '../../src/lexicon/word-vectors.js';
import { testWordVectors } from './word-vectors.js';

/**
 * Reads `corpusDir` and builds `indexDir` from it (with the committed word-vector
 * table unless `words` is null), failing the test on any expected failure.
 */
export async function buildFrom(
  corpusDir: string,
  indexDir: string,
  embedder: Embedder | null,
  full = false,
  words: WordVectors | null | 'committed' = 'committed',
): Promise<BuildSummary> {
  const corpus = await readCorpus(corpusDir, { maxDocumentBytes: 1_000_000 });
  if (!corpus.ok) throw new Error(corpus.error.message);
  const built = await buildIndex(corpus.value.documents, embedder, {
    dir: indexDir,
    full,
    chunkMaxTokens: 256,
    hnsw: { m: 16, efConstruction: 200, efSearch: 50 },
    checkpointMs: 60_000,
    words: words === 'committed' ? await testWordVectors() : words,
  });
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}
