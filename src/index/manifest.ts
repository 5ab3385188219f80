import { z } from 'zod';

/** Bumped whenever the files' layout or meaning changes; older indexes are refused, not misread. */
export const INDEX_FORMAT = 3;

/**
 * Bumped whenever ingestion (paragraph detection, chunking, how text is split
 * into search terms) changes, so that an unchanged document is still re-read
 * once after an upgrade.
 */
export const INGESTION_VERSION = 5;

const span = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });

const paragraphSchema = z.object({
  number: z.number().int().positive(),
  section: z.string().nullable(),
  span,
  attribution: z.array(span),
  pages: z.object({ first: z.string(), last: z.string() }).optional(),
});

const chunkSchema = z.object({
  /** Position of this chunk's vector in the HNSW file and its id in the keyword index. */
  label: z.number().int().nonnegative(),
  paragraph: z.number().int().positive(),
  part: z.number().int().positive(),
  parts: z.number().int().positive(),
  span,
});

const documentSchema = z.object({
  id: z.string(),
  title: z.string(),
  authors: z.array(z.string()),
  publication: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  date: z.string().nullable(),
  retrieved: z.string().nullable(),
  path: z.string(),
  format: z.enum(['markdown', 'text', 'html', 'pdf', 'docx', 'epub']),
  hash: z.string(),
  indexedAt: z.string(),
  paragraphs: z.array(paragraphSchema),
  chunks: z.array(chunkSchema),
});

const fileSchema = z.object({ name: z.string().regex(/^[a-z]+-[a-z0-9-]+\.(json|jsonl|hnsw)$/), sha256: z.string(), bytes: z.number() });

/** What produced the vectors; an index is only usable with the same model, dtype, pooling and passage prefix. */
export const modelSchema = z.object({
  id: z.string(),
  dtype: z.string(),
  pooling: z.enum(['mean', 'cls']),
  passagePrefix: z.string(),
  dimensions: z.number().int().positive(),
});

export const hnswSchema = z.object({
  space: z.literal('cosine'),
  m: z.number().int().positive(),
  efConstruction: z.number().int().positive(),
  efSearch: z.number().int().positive(),
  /** Labels handed out so far; new chunks get labels from here so a deleted label is never reused. */
  nextLabel: z.number().int().nonnegative(),
});

export const manifestSchema = z.object({
  format: z.number().int(),
  ingestionVersion: z.number().int(),
  buildId: z.string(),
  builtAt: z.string(),
  buildMs: z.number(),
  /** Null when the index was built without a model (keyword search only). */
  model: modelSchema.nullable(),
  chunkMaxTokens: z.number().int().positive(),
  hnsw: hnswSchema,
  /** The word-vector table the term files were made with; null when the index was built without one (exact words only). */
  lexicon: z.object({ table: z.string(), dimensions: z.number().int().positive(), terms: z.number().int().nonnegative() }).nullable(),
  files: z.object({
    texts: fileSchema,
    keyword: fileSchema,
    vectors: fileSchema.nullable(),
    /** The corpus terms that have word vectors, and their HNSW graph (absent when no term has a vector). */
    terms: fileSchema.nullable(),
    termGraph: fileSchema.nullable(),
  }),
  documents: z.array(documentSchema),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestDocument = z.infer<typeof documentSchema>;
export type ManifestChunk = z.infer<typeof chunkSchema>;
export type ManifestFile = z.infer<typeof fileSchema>;
export type ModelIdentity = z.infer<typeof modelSchema>;
export type HnswParameters = z.infer<typeof hnswSchema>;

export function describeModel(model: Omit<ModelIdentity, 'dimensions'>): string {
  return `${model.id} (${model.dtype}, ${model.pooling} pooling${model.passagePrefix ? `, passage prefix "${model.passagePrefix}"` : ''})`;
}

/** True when vectors made by `a` can be searched with queries embedded by `b`. */
export function sameModel(a: Omit<ModelIdentity, 'dimensions'>, b: Omit<ModelIdentity, 'dimensions'>): boolean {
  return a.id === b.id && a.dtype === b.dtype && a.pooling === b.pooling && a.passagePrefix === b.passagePrefix;
}
