// Writes tests/fixtures/reranker: a tiny stand-in for a cross-encoder reranker
// (BertForSequenceClassification with one logit), loadable through the real
// transformers.js path like the test embedding model.
//
// The pair is tokenized as [CLS] question [SEP] passage [SEP] with token type 0
// then 1. The graph sums the question's and the passage's token vectors (the
// test model's IDF-weighted word vectors) and outputs their dot product: a
// lexical relevance score, so reranking with it is meaningful in tests.
//
// Usage: tsx tests/tools/generate-reranker-model.ts [outDir]
import { join, resolve } from 'node:path';
import { corpusVocabulary } from './corpus-vocabulary.js';
import { tokenVector } from './generate-test-model.js';
import { writeModelDir } from './model-files.js';
import { ElemType, modelProto, tensorValueInfo } from './onnx/model-proto.js';
import { GraphBuilder } from './onnx/graph-builder.js';

export const RERANKER_DIR = join(import.meta.dirname, '../fixtures/reranker');
const DIMENSIONS = 64;

export function generateRerankerModel(outDir = RERANKER_DIR): string[] {
  const { vocab, idf, maxIdf } = corpusVocabulary();
  const table = new Float32Array(vocab.length * DIMENSIONS);
  vocab.forEach((token, id) => table.set(tokenVector(token, (word) => idf.get(word) ?? maxIdf, DIMENSIONS), id * DIMENSIONS));

  const graph = new GraphBuilder();
  const embedded = graph.op('Gather', [graph.floats('embeddings.word_embeddings.weight', [vocab.length, DIMENSIONS], table), 'input_ids']);
  const present = graph.op('Cast', ['attention_mask'], { to: { int: ElemType.FLOAT } });
  const passagePart = graph.op('Cast', ['token_type_ids'], { to: { int: ElemType.FLOAT } });
  const questionPart = graph.op('Sub', [graph.filled('one', [], 1), passagePart]);
  const sumOver = (weights: string) => {
    const mask = graph.op('Unsqueeze', [graph.op('Mul', [present, weights]), graph.int64s(`axis_${weights}`, [-1])]);
    return graph.op('ReduceSum', [graph.op('Mul', [embedded, mask]), graph.int64s(`sequence_${weights}`, [1])], { keepdims: { int: 0 } });
  };
  const score = graph.op('Mul', [sumOver(questionPart), sumOver(passagePart)]);
  graph.op('ReduceSum', [score, graph.int64s('hidden', [1])], { keepdims: { int: 1 } }, 'logits');

  const tokenIds = ['batch_size', 'sequence_length'];
  const model = modelProto(
    graph.build(
      'lexical_cross_encoder',
      ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => tensorValueInfo(name, ElemType.INT64, tokenIds)),
      [tensorValueInfo('logits', ElemType.FLOAT, ['batch_size', 1])],
    ),
    'citebot-test-reranker',
  );
  const shape = { vocabSize: vocab.length, hiddenSize: DIMENSIONS, layers: 1, heads: 2, intermediateSize: 256 };
  return writeModelDir(outDir, shape, vocab, model, {
    architectures: ['BertForSequenceClassification'],
    id2label: { 0: 'LABEL_0' },
    label2id: { LABEL_0: 0 },
  });
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const outDir = resolve(process.argv[2] ?? RERANKER_DIR);
  console.log(`wrote ${generateRerankerModel(outDir).join(', ')} to ${outDir}`);
}
