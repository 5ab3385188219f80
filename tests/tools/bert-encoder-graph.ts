// A full BERT encoder as an ONNX graph (opset 17), with initializers named as in
// Hugging Face's BertModel. With the default seeded random weights its cost per
// token is that of a trained model of the same shape; its outputs mean nothing.
import type { BertShape } from './model-files.js';
import { DynamicQuantizer } from './onnx/dynamic-quantization.js';
import { GraphBuilder } from './onnx/graph-builder.js';
import { ElemType, type GraphSpec, tensorValueInfo } from './onnx/model-proto.js';
import { mulberry32, standardNormal } from './seeded-random.js';

const MAX_POSITIONS = 512;
const TOKEN_TYPES = 2;
const LAYER_NORM_EPSILON = 1e-12;
// Added to attention scores of padding so softmax gives them ~0 weight.
const MASKED_SCORE = -10000;

/** Supplies each weight matrix; LayerNorm scales are 1 and all biases 0. */
export type WeightSource = (name: string, dims: readonly [number, number]) => Float32Array;

// BERT's initialisation: normal with std 0.02.
export function seededNormalWeights(seed = 20240601, std = 0.02): WeightSource {
  const normal = standardNormal(mulberry32(seed));
  return (_name, [rows, columns]) => Float32Array.from({ length: rows * columns }, () => normal() * std);
}

export interface EncoderGraphOptions {
  /**
   * Rewrites every weight MatMul as onnxruntime's dynamic int8 quantization does
   * (see onnx/dynamic-quantization.ts): the graph transformers.js loads for dtype 'q8'.
   * Embedding tables and attention's activation-by-activation MatMuls stay float.
   */
  readonly quantizeWeightMatMuls?: boolean;
}

export function bertEncoderGraph(
  shape: BertShape,
  weights: WeightSource = seededNormalWeights(),
  options: EncoderGraphOptions = {},
): GraphSpec {
  const { vocabSize, hiddenSize, layers, heads, intermediateSize } = shape;
  const headSize = hiddenSize / heads;
  const g = new GraphBuilder();
  const weight = (name: string, dims: [number, number]) => g.floats(name, dims, weights(name, dims));
  const quantizer = options.quantizeWeightMatMuls ? new DynamicQuantizer(g) : null;
  // Weights are drawn in the same order either way, so both variants of a seed share their weights.
  const weightMatMul = (x: string, name: string, dims: [number, number]) =>
    quantizer ? quantizer.matMul(x, name, dims, weights(name, dims)) : g.op('MatMul', [x, weight(name, dims)]);

  const one = g.filled('const.one', [], 1);
  const half = g.filled('const.half', [], 0.5);
  const sqrt2 = g.filled('const.sqrt2', [], Math.SQRT2);
  const sqrtHeadSize = g.filled('const.sqrt_head_size', [], Math.sqrt(headSize));
  const maskedScore = g.filled('const.masked_score', [], MASKED_SCORE);
  // Reshape treats 0 as "keep this dimension", so batch and sequence stay symbolic.
  const splitHeadsShape = g.int64s('const.split_heads_shape', [0, 0, heads, headSize]);
  const mergeHeadsShape = g.int64s('const.merge_heads_shape', [0, 0, hiddenSize]);

  const linear = (x: string, prefix: string, inSize: number, outSize: number) =>
    g.op('Add', [weightMatMul(x, `${prefix}.weight`, [inSize, outSize]), g.filled(`${prefix}.bias`, [outSize], 0)]);
  const layerNorm = (x: string, prefix: string) =>
    g.op(
      'LayerNormalization',
      [x, g.filled(`${prefix}.weight`, [hiddenSize], 1), g.filled(`${prefix}.bias`, [hiddenSize], 0)],
      { axis: { int: -1 }, epsilon: { float: LAYER_NORM_EPSILON } },
    );
  // [B, S, H] -> [B, heads, S, headSize], or [B, heads, headSize, S] for keys (pre-transposed for QK^T).
  const splitHeads = (x: string, perm: number[]) =>
    g.op('Transpose', [g.op('Reshape', [x, splitHeadsShape])], { perm: { ints: perm } });
  // Exact GELU, x * 0.5 * (1 + erf(x / sqrt 2)), as BERT uses.
  const gelu = (x: string) =>
    g.op('Mul', [g.op('Mul', [x, g.op('Add', [g.op('Erf', [g.op('Div', [x, sqrt2])]), one])]), half]);

  // Embeddings: word + position + token type. Positions are the first S rows of
  // the table, S read from the input's shape.
  const sequenceLength = g.op('Shape', ['input_ids'], { start: { int: 1 }, end: { int: 2 } });
  const positions = g.op('Slice', [
    weight('embeddings.position_embeddings.weight', [MAX_POSITIONS, hiddenSize]),
    g.int64s('const.zero', [0]),
    sequenceLength,
    g.int64s('const.axis0', [0]),
  ]);
  const words = g.op('Gather', [weight('embeddings.word_embeddings.weight', [vocabSize, hiddenSize]), 'input_ids']);
  const tokenTypes = g.op('Gather', [
    weight('embeddings.token_type_embeddings.weight', [TOKEN_TYPES, hiddenSize]),
    'token_type_ids',
  ]);
  let hidden = layerNorm(g.op('Add', [g.op('Add', [words, positions]), tokenTypes]), 'embeddings.LayerNorm');

  // (1 - mask) * -10000, shaped [B, 1, 1, S] to broadcast over heads and query positions.
  const maskFloat = g.op('Cast', ['attention_mask'], { to: { int: ElemType.FLOAT } });
  const attentionBias = g.op('Unsqueeze', [
    g.op('Mul', [g.op('Sub', [one, maskFloat]), maskedScore]),
    g.int64s('const.mask_axes', [1, 2]),
  ]);

  for (let layer = 0; layer < layers; layer++) {
    const prefix = `encoder.layer.${layer}`;
    const query = splitHeads(linear(hidden, `${prefix}.attention.self.query`, hiddenSize, hiddenSize), [0, 2, 1, 3]);
    const keyT = splitHeads(linear(hidden, `${prefix}.attention.self.key`, hiddenSize, hiddenSize), [0, 2, 3, 1]);
    const value = splitHeads(linear(hidden, `${prefix}.attention.self.value`, hiddenSize, hiddenSize), [0, 2, 1, 3]);
    const scores = g.op('Add', [g.op('Div', [g.op('MatMul', [query, keyT]), sqrtHeadSize]), attentionBias]);
    const context = g.op('MatMul', [g.op('Softmax', [scores], { axis: { int: -1 } }), value]);
    const merged = g.op('Reshape', [g.op('Transpose', [context], { perm: { ints: [0, 2, 1, 3] } }), mergeHeadsShape]);
    const attended = linear(merged, `${prefix}.attention.output.dense`, hiddenSize, hiddenSize);
    hidden = layerNorm(g.op('Add', [attended, hidden]), `${prefix}.attention.output.LayerNorm`);

    const expanded = gelu(linear(hidden, `${prefix}.intermediate.dense`, hiddenSize, intermediateSize));
    const projected = linear(expanded, `${prefix}.output.dense`, intermediateSize, hiddenSize);
    hidden = layerNorm(g.op('Add', [projected, hidden]), `${prefix}.output.LayerNorm`);
  }
  g.op('Identity', [hidden], undefined, 'last_hidden_state');

  const tokenIds = ['batch_size', 'sequence_length'];
  return g.build(
    'bert_encoder',
    ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => tensorValueInfo(name, ElemType.INT64, tokenIds)),
    [tensorValueInfo('last_hidden_state', ElemType.FLOAT, [...tokenIds, hiddenSize])],
  );
}
