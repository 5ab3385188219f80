export type Pooling = 'mean' | 'cls';

export interface ModelProfile {
  readonly pooling: Pooling;
  /** Instruction the model was trained to see before a search query. */
  readonly queryPrefix: string;
  /** Instruction the model was trained to see before a passage. */
  readonly passagePrefix: string;
}

const BGE_QUERY = 'Represent this sentence for searching relevant passages: ';

/** How each model family was trained to be used (from its model card). First match wins. */
const KNOWN_FAMILIES: readonly (readonly [RegExp, ModelProfile])[] = [
  [/bge-(small|base|large)-en/i, { pooling: 'cls', queryPrefix: BGE_QUERY, passagePrefix: '' }],
  [/snowflake-arctic-embed/i, { pooling: 'cls', queryPrefix: BGE_QUERY, passagePrefix: '' }],
  [/(^|[/-])e5-/i, { pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ' }],
  [/nomic-embed-text/i, { pooling: 'mean', queryPrefix: 'search_query: ', passagePrefix: 'search_document: ' }],
];

/** Sentence-transformers models (all-MiniLM-L6-v2, mpnet, gte): mean pooling, no instructions. */
const SENTENCE_TRANSFORMERS: ModelProfile = { pooling: 'mean', queryPrefix: '', passagePrefix: '' };

export interface ProfileOverrides {
  readonly pooling?: Pooling | undefined;
  readonly queryPrefix?: string | undefined;
  readonly passagePrefix?: string | undefined;
}

export function profileFor(modelId: string, overrides: ProfileOverrides = {}): ModelProfile {
  const known = KNOWN_FAMILIES.find(([pattern]) => pattern.test(modelId))?.[1] ?? SENTENCE_TRANSFORMERS;
  return {
    pooling: overrides.pooling ?? known.pooling,
    queryPrefix: overrides.queryPrefix ?? known.queryPrefix,
    passagePrefix: overrides.passagePrefix ?? known.passagePrefix,
  };
}
