import { type FeatureExtractionPipeline, pipeline } from '@huggingface/transformers';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { BatchingQueue } from './batching-queue.js';
import type { Embedder, EmbedderIdentity } from './embedder.js';
import { loadFailureReason, modelSource, prepareTransformers } from './model-source.js';
import { type ProfileOverrides, profileFor } from './model-profiles.js';

export interface TransformersEmbedderOptions {
  /** A Hugging Face hub id, or a path to a local model folder. */
  readonly model: string;
  readonly dtype: 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4';
  readonly cacheDir: string;
  readonly batchSize: number;
  readonly profile?: ProfileOverrides;
}

const SPECIAL_TOKENS = 2;
const DEFAULT_WINDOW = 512;

/**
 * Loads an embedding model through transformers.js (ONNX Runtime on the CPU). A
 * local folder is read as is, with remote loading off; a hub id is read from
 * `cacheDir`, downloading it once if missing.
 */
export async function loadTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Result<Embedder, CitebotError>> {
  const source = modelSource(options.model);
  prepareTransformers(source, options.cacheDir);
  const profile = profileFor(options.model, options.profile);

  let extractor: FeatureExtractionPipeline;
  try {
    extractor = await pipeline('feature-extraction', source.load, { dtype: options.dtype });
  } catch (error) {
    return err(citebotError('MODEL_UNAVAILABLE', { model: options.model, cacheDir: options.cacheDir, reason: loadFailureReason(error) }));
  }

  const identity: EmbedderIdentity = {
    id: source.id,
    dtype: options.dtype,
    pooling: profile.pooling,
    passagePrefix: profile.passagePrefix,
  };
  const run = async (texts: string[]): Promise<Float32Array[]> => {
    const output = await extractor(texts, { pooling: profile.pooling, normalize: true });
    const [rows = 0, width = 0] = output.dims;
    const data = output.data as Float32Array;
    return Array.from({ length: rows }, (_, row) => data.slice(row * width, (row + 1) * width));
  };
  const countTokens = (text: string) => extractor.tokenizer.encode(text, { add_special_tokens: false }).length;
  const dimensions = (await run(['dimensions']))[0]?.length ?? 0;
  const window = Math.min(extractor.tokenizer.model_max_length ?? DEFAULT_WINDOW, DEFAULT_WINDOW * 16);
  const queries = new BatchingQueue<string, Float32Array>((texts) => run(texts), options.batchSize);

  const embedder: Embedder = {
    identity,
    dimensions,
    maxPassageTokens: window - SPECIAL_TOKENS - countTokens(profile.passagePrefix),
    countTokens,
    embedQuery: (text) => queries.push(profile.queryPrefix + text),
    async embedPassages(texts) {
      // Sorting by length keeps each batch's padding (wasted compute) small.
      const order = texts.map((_, i) => i).sort((a, b) => (texts[a]?.length ?? 0) - (texts[b]?.length ?? 0));
      const vectors: Float32Array[] = new Array<Float32Array>(texts.length);
      for (let start = 0; start < order.length; start += options.batchSize) {
        const slice = order.slice(start, start + options.batchSize);
        const batch = await run(slice.map((i) => profile.passagePrefix + (texts[i] ?? '')));
        slice.forEach((original, j) => {
          vectors[original] = batch[j] as Float32Array;
        });
      }
      return vectors;
    },
    dispose: () => extractor.dispose(),
  };
  return ok(embedder);
}
