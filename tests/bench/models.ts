// The models the benchmark runs, and how to load each through the production adapter.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Embedder } from '../../src/embedding/embedder.js';
import { loadTransformersEmbedder } from '../../src/embedding/transformers-embedder.js';
import { BENCH_MODEL_DIR, QUANTIZED_MODEL_FILE, generateBenchModel } from '../tools/generate-bench-model.js';
import { TEST_MODEL_DIR } from '../tools/generate-test-model.js';

export const MODEL_NAMES = ['test', 'bench-fp32', 'bench-q8'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

interface ModelSpec {
  readonly dir: string;
  readonly dtype: 'fp32' | 'q8';
  readonly description: string;
}

export const MODELS: Record<ModelName, ModelSpec> = {
  test: { dir: TEST_MODEL_DIR, dtype: 'fp32', description: 'tests/fixtures/model: one Gather (IDF bag of words), 384-d' },
  'bench-fp32': { dir: BENCH_MODEL_DIR, dtype: 'fp32', description: 'all-MiniLM-L6-v2 architecture, random weights, fp32' },
  'bench-q8': { dir: BENCH_MODEL_DIR, dtype: 'q8', description: 'the same weights, weight MatMuls dynamically quantized to int8' },
};

/** The production default (EMBEDDING_BATCH_SIZE) and chunk size (CHUNK_MAX_TOKENS). */
export const EMBEDDING_BATCH_SIZE = 16;
export const CHUNK_MAX_TOKENS = 256;

export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

/** Generates the bench model (not committed, ~150 MB) if either of its graphs is missing. */
export function ensureBenchModel(): void {
  if (['onnx/model.onnx', QUANTIZED_MODEL_FILE].every((file) => existsSync(join(BENCH_MODEL_DIR, file)))) return;
  process.stderr.write(`generating the bench model in ${BENCH_MODEL_DIR}\n`);
  generateBenchModel(BENCH_MODEL_DIR);
}

export async function loadEmbedder(name: ModelName): Promise<Embedder> {
  const { dir, dtype } = MODELS[name];
  const loaded = await loadTransformersEmbedder({ model: dir, dtype, cacheDir: '.cache/models', batchSize: EMBEDDING_BATCH_SIZE });
  if (!loaded.ok) throw new Error(`${name}: ${loaded.error.message}`);
  return loaded.value;
}
