// Writes a model with all-MiniLM-L6-v2's architecture and seeded random weights,
// for measuring indexing and query latency without network access. Its
// embeddings carry no meaning; its cost per token is the real model's.
// Besides the fp32 onnx/model.onnx it writes onnx/model_quantized.onnx (what
// transformers.js loads for dtype 'q8'): the same weights with every weight
// MatMul in onnxruntime's dynamic int8 form.
//
// Usage: tsx tests/tools/generate-bench-model.ts [outDir]   (default .cache/bench-model)
import { statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bertEncoderGraph, seededNormalWeights } from './bert-encoder-graph.js';
import { corpusVocabulary } from './corpus-vocabulary.js';
import { type BertShape, writeModelDir } from './model-files.js';
import { modelProto } from './onnx/model-proto.js';
import { concatBytes } from './onnx/protobuf.js';

export const BENCH_MODEL_DIR = join(import.meta.dirname, '../../.cache/bench-model');

export const MINILM_L6_SHAPE: BertShape = {
  vocabSize: 30522,
  hiddenSize: 384,
  layers: 6,
  heads: 12,
  intermediateSize: 1536,
};

export const QUANTIZED_MODEL_FILE = 'onnx/model_quantized.onnx';

export function generateBenchModel(outDir = BENCH_MODEL_DIR): string[] {
  const { vocab } = corpusVocabulary(MINILM_L6_SHAPE.vocabSize);
  const model = modelProto(bertEncoderGraph(MINILM_L6_SHAPE), 'citebot-bench-model');
  const files = writeModelDir(outDir, MINILM_L6_SHAPE, vocab, model);
  // A fresh weight source with the same seed draws the same weights again.
  const quantized = bertEncoderGraph(MINILM_L6_SHAPE, seededNormalWeights(), { quantizeWeightMatMuls: true });
  writeFileSync(join(outDir, QUANTIZED_MODEL_FILE), concatBytes(modelProto(quantized, 'citebot-bench-model-q8')));
  return [...files, QUANTIZED_MODEL_FILE];
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const outDir = resolve(process.argv[2] ?? BENCH_MODEL_DIR);
  const files = generateBenchModel(outDir);
  console.log(outDir);
  for (const file of files) {
    const megabytes = statSync(join(outDir, file)).size / 1e6;
    console.log(`  ${file.padEnd(24)} ${megabytes.toFixed(2).padStart(8)} MB`);
  }
}
