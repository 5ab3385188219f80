import type { Embedder } from '../../src/embedding/embedder.js';
import { keywordTermsOf } from '../../src/index/keyword-terms.js';

const DIMENSIONS = 64;

function hash(term: string): number {
  let h = 2166136261;
  for (const char of term) h = Math.imul(h ^ char.charCodeAt(0), 16777619);
  return h >>> 0;
}

/**
 * A deterministic bag-of-words embedder for unit tests of the answer engine:
 * each index term adds ±1 to one of 64 dimensions (the hashing trick). Texts that
 * share terms point the same way; it needs no model files at all.
 */
export function fakeEmbedder(): Embedder {
  const embed = (text: string) => {
    const vector = new Float32Array(DIMENSIONS);
    for (const term of keywordTermsOf(text)) {
      const h = hash(term);
      vector[h % DIMENSIONS]! += h & 0x80000000 ? -1 : 1;
    }
    const norm = Math.hypot(...vector) || 1;
    return vector.map((x) => x / norm);
  };
  return {
    identity: { id: 'fake/hashing-bag-of-words', dtype: 'fp32', pooling: 'mean', passagePrefix: '' },
    dimensions: DIMENSIONS,
    maxPassageTokens: 512,
    countTokens: (text) => text.split(/\s+/).length,
    embedPassages: async (texts) => texts.map(embed),
    embedQuery: async (text) => embed(text),
    dispose: async () => {},
  };
}
