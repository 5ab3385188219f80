import type { Embedder } from '../../src/embedding/embedder.js';

/** The same embedder, but every query takes `delayMs` longer: a model on an overloaded machine. */
export function slowEmbedder(inner: Embedder, delayMs: () => number): Embedder {
  return {
    identity: inner.identity,
    dimensions: inner.dimensions,
    maxPassageTokens: inner.maxPassageTokens,
    countTokens: (text) => inner.countTokens(text),
    embedPassages: (texts) => inner.embedPassages(texts),
    async embedQuery(text) {
      await new Promise((resolve) => setTimeout(resolve, delayMs()));
      return inner.embedQuery(text);
    },
    dispose: () => inner.dispose(),
  };
}
