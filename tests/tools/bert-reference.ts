// A plain, loop-by-loop BERT forward pass: the yardstick the ONNX encoder graph
// is checked against. Written for clarity, not speed; use only with tiny shapes.
import type { BertShape } from './model-files.js';

type Vector = number[];

export interface EncodedBatch {
  inputIds: number[][];
  attentionMask: number[][];
  tokenTypeIds: number[][];
}

// Math has no erf; Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7) is far inside test tolerances.
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return Math.sign(x) * (1 - poly * Math.exp(-x * x));
}

const gelu = (x: number) => 0.5 * x * (1 + erf(x / Math.SQRT2));

function layerNorm(row: Vector): Vector {
  const mean = row.reduce((a, b) => a + b, 0) / row.length;
  const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / row.length;
  return row.map((x) => (x - mean) / Math.sqrt(variance + 1e-12));
}

// Weights are stored [in, out], as in the ONNX graph; biases are zero.
function times(row: Vector, weight: Float32Array, outSize: number): Vector {
  const out = new Array<number>(outSize).fill(0);
  row.forEach((x, i) => {
    for (let j = 0; j < outSize; j++) out[j]! += x * weight[i * outSize + j]!;
  });
  return out;
}

function tableRow(table: Float32Array, index: number, width: number): Vector {
  return Array.from(table.subarray(index * width, (index + 1) * width));
}

function softmax(scores: Vector): Vector {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** last_hidden_state for each sequence of the batch: [batch][position][hidden]. */
export function bertForward(shape: BertShape, weights: ReadonlyMap<string, Float32Array>, batch: EncodedBatch): Vector[][] {
  const { hiddenSize: h, heads, intermediateSize } = shape;
  const headSize = h / heads;
  const w = (name: string) => {
    const weight = weights.get(name);
    if (!weight) throw new Error(`missing weight ${name}`);
    return weight;
  };

  return batch.inputIds.map((ids, b) => {
    const mask = batch.attentionMask[b]!;
    const types = batch.tokenTypeIds[b]!;
    let x = ids.map((id, position) => {
      const word = tableRow(w('embeddings.word_embeddings.weight'), id, h);
      const pos = tableRow(w('embeddings.position_embeddings.weight'), position, h);
      const type = tableRow(w('embeddings.token_type_embeddings.weight'), types[position]!, h);
      return layerNorm(word.map((v, i) => v + pos[i]! + type[i]!));
    });

    for (let layer = 0; layer < shape.layers; layer++) {
      const p = `encoder.layer.${layer}`;
      const q = x.map((row) => times(row, w(`${p}.attention.self.query.weight`), h));
      const k = x.map((row) => times(row, w(`${p}.attention.self.key.weight`), h));
      const v = x.map((row) => times(row, w(`${p}.attention.self.value.weight`), h));
      const context = x.map((_, i) => {
        const out = new Array<number>(h).fill(0);
        for (let head = 0; head < heads; head++) {
          const slice = (row: Vector) => row.slice(head * headSize, (head + 1) * headSize);
          const scores = k.map((keyRow, j) => {
            const dot = slice(q[i]!).reduce((acc, qd, d) => acc + qd * slice(keyRow)[d]!, 0);
            return dot / Math.sqrt(headSize) + (1 - mask[j]!) * -10000;
          });
          softmax(scores).forEach((weight, j) => {
            for (let d = 0; d < headSize; d++) out[head * headSize + d]! += weight * v[j]![head * headSize + d]!;
          });
        }
        return out;
      });
      x = x.map((row, i) => {
        const attended = times(context[i]!, w(`${p}.attention.output.dense.weight`), h);
        const afterAttention = layerNorm(attended.map((a, d) => a + row[d]!));
        const expanded = times(afterAttention, w(`${p}.intermediate.dense.weight`), intermediateSize).map(gelu);
        const projected = times(expanded, w(`${p}.output.dense.weight`), h);
        return layerNorm(projected.map((a, d) => a + afterAttention[d]!));
      });
    }
    return x;
  });
}
