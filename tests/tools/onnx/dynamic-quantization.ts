// The MatMul rewrite that onnxruntime's quantize_dynamic (QuantType.QInt8, its
// default) applies to a MatMul with a constant weight, so a generated
// model_quantized.onnx does the same int8 compute as a Hub model's:
//
//   x ─ DynamicQuantizeLinear ─ x_q (uint8), x_scale, x_zero_point
//   MatMulInteger(x_q, W_q int8, x_zero_point, W_zero_point) ─ int32
//   ─ Cast(float) ─ Mul(x_scale · W_scale) ─ (the caller's bias Add)
//
// onnxruntime's graph optimiser fuses this chain into one MatMulIntegerToFloat
// kernel at session load, as it does for real quantized models.
import type { GraphBuilder } from './graph-builder.js';
import { ElemType } from './model-proto.js';

/** Symmetric per-tensor int8, as quantize_dynamic does for QInt8 weights: zero point 0, range ±127. */
export function quantizeSymmetricInt8(values: Float32Array): { quantized: Int8Array; scale: number } {
  let absMax = 0;
  for (const value of values) absMax = Math.max(absMax, Math.abs(value));
  const scale = absMax === 0 ? 1 : absMax / 127;
  const quantized = Int8Array.from(values, (value) => Math.max(-127, Math.min(127, Math.round(value / scale))));
  return { quantized, scale };
}

/** Builds quantized MatMuls into a graph; an activation feeding several of them is quantized once, as onnxruntime does. */
export class DynamicQuantizer {
  private readonly quantizedActivations = new Map<string, string[]>();

  constructor(private readonly g: GraphBuilder) {}

  /** x · W for a constant weight W of shape [in, out], in int8 arithmetic. */
  matMul(x: string, weightName: string, dims: readonly [number, number], weight: Float32Array): string {
    const [xQuantized, xScale, xZeroPoint] = this.quantizeActivation(x);
    const { quantized, scale } = quantizeSymmetricInt8(weight);
    const wQuantized = this.g.int8s(`${weightName}_quantized`, dims, quantized);
    const wScale = this.g.filled(`${weightName}_scale`, [], scale);
    const wZeroPoint = this.g.int8s(`${weightName}_zero_point`, [], new Int8Array(1));
    const product = this.g.op('MatMulInteger', [xQuantized!, wQuantized, xZeroPoint!, wZeroPoint]);
    const asFloat = this.g.op('Cast', [product], { to: { int: ElemType.FLOAT } });
    return this.g.op('Mul', [asFloat, this.g.op('Mul', [xScale!, wScale])]);
  }

  private quantizeActivation(x: string): string[] {
    let outputs = this.quantizedActivations.get(x);
    if (!outputs) {
      outputs = this.g.opWithOutputs('DynamicQuantizeLinear', [x], [`${x}_quantized`, `${x}_scale`, `${x}_zero_point`]);
      this.quantizedActivations.set(x, outputs);
    }
    return outputs;
  }
}
