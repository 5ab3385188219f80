/**
 * Turns text into unit-length vectors. The answer engine and the indexer depend on
 * this interface only; transformers.js lives behind it in one adapter, and tests
 * substitute their own.
 */
export interface Embedder {
  /** Identifies the vectors this embedder makes; an index only matches the same identity. */
  readonly identity: EmbedderIdentity;
  readonly dimensions: number;
  /** Paragraph tokens that fit the model's window next to special tokens and the passage prefix. */
  readonly maxPassageTokens: number;
  /** Tokens of `text` without special tokens or prefixes. */
  countTokens(text: string): number;
  embedPassages(texts: readonly string[]): Promise<Float32Array[]>;
  embedQuery(text: string): Promise<Float32Array>;
  dispose(): Promise<void>;
}

export interface EmbedderIdentity {
  readonly id: string;
  readonly dtype: string;
  readonly pooling: 'mean' | 'cls';
  readonly passagePrefix: string;
}
