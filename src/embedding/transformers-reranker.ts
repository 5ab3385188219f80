import { AutoModelForSequenceClassification, AutoTokenizer, type Tensor } from '@huggingface/transformers';
import type { Reranker } from '../answer/answer-engine.js';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { loadFailureReason, modelSource, prepareTransformers } from './model-source.js';

export interface TransformersRerankerOptions {
  /** A cross-encoder: a hub id such as Xenova/ms-marco-MiniLM-L-6-v2, or a local folder. */
  readonly model: string;
  readonly dtype: 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4';
  readonly cacheDir: string;
}

/**
 * A cross-encoder reads question and passage together and scores the pair: slower
 * than comparing vectors, sharper at ordering the few best candidates.
 */
export async function loadTransformersReranker(options: TransformersRerankerOptions): Promise<Result<Reranker, CitebotError>> {
  const source = modelSource(options.model);
  prepareTransformers(source, options.cacheDir);
  try {
    const tokenizer = await AutoTokenizer.from_pretrained(source.load);
    const model = await AutoModelForSequenceClassification.from_pretrained(source.load, { dtype: options.dtype });
    return ok({
      async rerank(question, passages) {
        if (passages.length === 0) return [];
        const inputs = tokenizer(new Array<string>(passages.length).fill(question), {
          text_pair: [...passages],
          padding: true,
          truncation: true,
        });
        const { logits } = (await model(inputs)) as { logits: Tensor };
        const [rows = 0, labels = 1] = logits.dims;
        const data = logits.data as Float32Array;
        // One logit is a relevance score; with two labels (irrelevant, relevant) the last one is.
        return Array.from({ length: rows }, (_, row) => data[row * labels + labels - 1] ?? 0);
      },
    });
  } catch (error) {
    return err(citebotError('MODEL_UNAVAILABLE', { model: options.model, cacheDir: options.cacheDir, reason: loadFailureReason(error) }));
  }
}
