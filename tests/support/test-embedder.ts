import type { Embedder } from '../../src/embedding/embedder.js';
import { loadTransformersEmbedder } from '../../src/embedding/transformers-embedder.js';
import { TEST_MODEL_DIR } from './paths.js';

let loading: Promise<Embedder> | undefined;

/** The fixture model through the real transformers.js path, in the production default dtype (q8), loaded once per test file. */
export function testEmbedder(): Promise<Embedder> {
  loading ??= loadTransformersEmbedder({
    model: TEST_MODEL_DIR,
    dtype: 'q8',
    cacheDir: '.cache/models',
    batchSize: 16,
  }).then((loaded) => {
    if (!loaded.ok) throw new Error(loaded.error.message);
    return loaded.value;
  });
  return loading;
}

/** Wraps an embedder to count what it is asked to embed. */
export function countingEmbedder(inner: Embedder): Embedder & { passages: string[] } {
  const passages: string[] = [];
  return {
    ...inner,
    identity: inner.identity,
    dimensions: inner.dimensions,
    maxPassageTokens: inner.maxPassageTokens,
    countTokens: (text) => inner.countTokens(text),
    embedQuery: (text) => inner.embedQuery(text),
    dispose: () => inner.dispose(),
    passages,
    async embedPassages(texts) {
      passages.push(...texts);
      return inner.embedPassages(texts);
    },
  };
}
