// Lays out a model directory the way transformers.js expects a Hub repository:
// config and tokenizer files at the root, the fp32 graph at onnx/model.onnx.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Encoded, concatBytes } from './onnx/protobuf.js';
import { MODEL_MAX_LENGTH, tokenizerConfigJson, tokenizerJson } from './wordpiece.js';

export interface BertShape {
  vocabSize: number;
  hiddenSize: number;
  layers: number;
  heads: number;
  intermediateSize: number;
}

function bertConfigJson(shape: BertShape): object {
  return {
    architectures: ['BertModel'],
    model_type: 'bert',
    vocab_size: shape.vocabSize,
    hidden_size: shape.hiddenSize,
    num_hidden_layers: shape.layers,
    num_attention_heads: shape.heads,
    intermediate_size: shape.intermediateSize,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    max_position_embeddings: MODEL_MAX_LENGTH,
    type_vocab_size: 2,
    initializer_range: 0.02,
    layer_norm_eps: 1e-12,
    pad_token_id: 0,
    position_embedding_type: 'absolute',
  };
}

const toJson = (value: object) => `${JSON.stringify(value, null, 2)}\n`;

/** Writes the model directory and returns the paths written, relative to it. */
export function writeModelDir(
  outDir: string,
  shape: BertShape,
  vocab: readonly string[],
  model: Encoded,
  configOverrides: Record<string, unknown> = {},
): string[] {
  const files: [string, string | Uint8Array][] = [
    ['config.json', toJson({ ...bertConfigJson(shape), ...configOverrides })],
    ['tokenizer.json', toJson(tokenizerJson(vocab))],
    ['tokenizer_config.json', toJson(tokenizerConfigJson())],
    ['onnx/model.onnx', concatBytes(model)],
  ];
  mkdirSync(join(outDir, 'onnx'), { recursive: true });
  for (const [path, content] of files) writeFileSync(join(outDir, path), content);
  return files.map(([path]) => path);
}
