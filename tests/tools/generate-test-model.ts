// Writes tests/fixtures/model: a 384-d stand-in for a sentence-embedding model.
//
// The ONNX graph is one Gather from an embedding table, so with mean pooling a
// text's embedding is the IDF-weighted sum of its words' vectors: a TF-IDF
// bag-of-words retriever in a random 384-d projection. Words sharing a Porter
// stem share a direction, so "negotiate" matches "negotiations". That keeps
// retrieval meaningful in tests while loading through the same transformers.js
// path (config, tokenizer, ONNX session) as a real model.
//
// Usage: tsx tests/tools/generate-test-model.ts [outDir]
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stemmer } from 'stemmer';
import { isPunctuation } from './bert-text.js';
import { corpusVocabulary } from './corpus-vocabulary.js';
import { STOPWORDS } from './english-words.js';
import { writeModelDir } from './model-files.js';
import { byteTensor, ElemType, floatTensor, modelProto, tensorValueInfo } from './onnx/model-proto.js';
import { concatBytes, type Encoded } from './onnx/protobuf.js';
import { hashString, mulberry32, standardNormal } from './seeded-random.js';
import { SPECIAL_TOKENS, isSubwordPiece } from './wordpiece.js';

export const TEST_MODEL_DIR = join(import.meta.dirname, '../fixtures/model');
export const TEST_MODEL_DIMENSIONS = 384;

// Function words and punctuation are in every paragraph; near-zero vectors keep
// them from pulling all texts together.
const STOPWORD_SCALE = 0.02;
// Characters and ## pieces only appear for words outside the vocabulary: they
// should place such words somewhere, but weakly next to real words (IDF >= 1).
const PIECE_SCALE = 0.3;

function unitDirection(key: string, dimensions: number): Float32Array {
  const normal = standardNormal(mulberry32(hashString(key)));
  const vector = Float64Array.from({ length: dimensions }, normal);
  const norm = Math.hypot(...vector);
  return Float32Array.from(vector, (x) => x / norm);
}

export function tokenVector(token: string, idf: (word: string) => number, dimensions: number): Float32Array {
  const special: readonly string[] = SPECIAL_TOKENS;
  if (special.includes(token)) return new Float32Array(dimensions);

  const isPiece = isSubwordPiece(token) || [...token].length === 1;
  const isStopword = STOPWORDS.includes(token) || isPunctuation(token);
  // Separate key spaces keep a piece's direction independent of any stem spelled the same.
  const direction = unitDirection(isPiece && !isStopword ? `piece:${token}` : `stem:${stemmer(token)}`, dimensions);
  const scale = isStopword ? STOPWORD_SCALE : isPiece ? PIECE_SCALE : idf(token);
  return direction.map((x) => x * scale);
}

export function generateTestModel(outDir = TEST_MODEL_DIR): string[] {
  const { vocab, idf, maxIdf } = corpusVocabulary();
  const dimensions = TEST_MODEL_DIMENSIONS;

  const table = new Float32Array(vocab.length * dimensions);
  vocab.forEach((token, id) => {
    table.set(tokenVector(token, (word) => idf.get(word) ?? maxIdf, dimensions), id * dimensions);
  });

  const tokenIds = ['batch_size', 'sequence_length'];
  // Unused by the graph, but transformers.js feeds whatever inputs a BERT model declares.
  const inputs = ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => tensorValueInfo(name, ElemType.INT64, tokenIds));
  const outputs = [tensorValueInfo('last_hidden_state', ElemType.FLOAT, [...tokenIds, dimensions])];
  const model = modelProto(
    {
      name: 'idf_bag_of_words',
      nodes: [{ op: 'Gather', inputs: ['embeddings.word_embeddings.weight', 'input_ids'], outputs: ['last_hidden_state'] }],
      initializers: [floatTensor('embeddings.word_embeddings.weight', [vocab.length, dimensions], table)],
      inputs,
      outputs,
    },
    'citebot-test-model',
  );

  // Only vocab and hidden size describe this graph; the rest just has to look like a BERT config.
  const shape = { vocabSize: vocab.length, hiddenSize: dimensions, layers: 1, heads: 2, intermediateSize: 512 };
  const files = writeModelDir(outDir, shape, vocab, model);
  writeFileSync(join(outDir, QUANTIZED_FILE), concatBytes(quantizedModel(table, vocab.length, dimensions, inputs, outputs)));
  return [...files, QUANTIZED_FILE];
}

/** What transformers.js loads for dtype 'q8', the production default. */
const QUANTIZED_FILE = 'onnx/model_quantized.onnx';

/** The same table stored as int8 with one scale, dequantized after the lookup: real int8 weights, as in a q8 export. */
function quantizedModel(table: Float32Array, rows: number, dimensions: number, inputs: Encoded[], outputs: Encoded[]): Encoded {
  const scale = table.reduce((max, value) => Math.max(max, Math.abs(value)), 0) / 127 || 1;
  const quantized = Int8Array.from(table, (value) => Math.max(-127, Math.min(127, Math.round(value / scale))));
  return modelProto(
    {
      name: 'idf_bag_of_words_q8',
      nodes: [
        { op: 'Gather', inputs: ['embeddings.word_embeddings.weight_quantized', 'input_ids'], outputs: ['gathered'] },
        { op: 'DequantizeLinear', inputs: ['gathered', 'scale', 'zero_point'], outputs: ['last_hidden_state'] },
      ],
      initializers: [
        byteTensor('embeddings.word_embeddings.weight_quantized', [rows, dimensions], ElemType.INT8, quantized),
        floatTensor('scale', [], Float32Array.of(scale)),
        byteTensor('zero_point', [], ElemType.INT8, Int8Array.of(0)),
      ],
      inputs,
      outputs,
    },
    'citebot-test-model-q8',
  );
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const outDir = resolve(process.argv[2] ?? TEST_MODEL_DIR);
  const files = generateTestModel(outDir);
  console.log(`wrote ${files.join(', ')} to ${outDir}`);
}
