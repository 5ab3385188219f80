// Accumulates nodes and initializers so a graph reads like the forward pass it encodes.
import { type AttributeValue, ElemType, type GraphSpec, type NodeSpec, byteTensor, floatTensor, int64Tensor } from './model-proto.js';
import type { Encoded } from './protobuf.js';

export class GraphBuilder {
  private readonly nodes: NodeSpec[] = [];
  private readonly initializers: Encoded[] = [];
  private nextValueId = 0;

  /** Adds a node and returns the name of its (first) output. */
  op(op: string, inputs: readonly string[], attributes?: Record<string, AttributeValue>, output?: string): string {
    const name = output ?? `${op.toLowerCase()}_${this.nextValueId++}`;
    this.nodes.push({ op, inputs, outputs: [name], attributes });
    return name;
  }

  /** Adds a node with several outputs (DynamicQuantizeLinear) and returns their names. */
  opWithOutputs(op: string, inputs: readonly string[], outputs: readonly string[]): string[] {
    this.nodes.push({ op, inputs, outputs });
    return [...outputs];
  }

  floats(name: string, dims: readonly number[], values: Float32Array): string {
    this.initializers.push(floatTensor(name, dims, values));
    return name;
  }

  filled(name: string, dims: readonly number[], value: number): string {
    return this.floats(name, dims, new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(value));
  }

  int8s(name: string, dims: readonly number[], values: Int8Array): string {
    this.initializers.push(byteTensor(name, dims, ElemType.INT8, values));
    return name;
  }

  uint8s(name: string, dims: readonly number[], values: Uint8Array): string {
    this.initializers.push(byteTensor(name, dims, ElemType.UINT8, values));
    return name;
  }

  int64s(name: string, values: readonly number[]): string {
    this.initializers.push(int64Tensor(name, [values.length], values));
    return name;
  }

  build(name: string, inputs: readonly Encoded[], outputs: readonly Encoded[]): GraphSpec {
    return { name, nodes: this.nodes, initializers: this.initializers, inputs, outputs };
  }
}
