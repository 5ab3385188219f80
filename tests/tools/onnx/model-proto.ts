// Builders for the few ONNX messages our generated models need. Field numbers
// are those of onnx/onnx.proto3; only fields we actually set are listed.
import { endianness } from 'node:os';
import {
  type Encoded,
  bytesField,
  floatField,
  messageField,
  packedVarintField,
  stringField,
  varintField,
} from './protobuf.js';

// ONNX raw_data is little-endian; typed arrays use host order, so we rely on the host matching.
if (endianness() !== 'LE') throw new Error('ONNX writer assumes a little-endian host');

// IR 8 with opset 17 is ONNX 1.12, the first release with LayerNormalization as
// a standard op; any onnxruntime from 1.12 on loads it.
const IR_VERSION = 8;
const DEFAULT_DOMAIN_OPSET = 17;

export const ElemType = { FLOAT: 1, UINT8: 2, INT8: 3, INT64: 7 } as const;
export type ElemType = (typeof ElemType)[keyof typeof ElemType];

const AttributeType = { FLOAT: 1, INT: 2, INTS: 7 } as const;

export function floatTensor(name: string, dims: readonly number[], values: Float32Array): Encoded {
  if (values.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(`${name}: data does not match dims`);
  return [
    ...packedVarintField(1, dims),
    ...varintField(2, ElemType.FLOAT),
    ...stringField(8, name),
    ...bytesField(9, new Uint8Array(values.buffer, values.byteOffset, values.byteLength)),
  ];
}

/** An 8-bit tensor (quantized weights and zero points); one byte per value, so no endianness concern. */
export function byteTensor(name: string, dims: readonly number[], elemType: typeof ElemType.INT8 | typeof ElemType.UINT8, values: Int8Array | Uint8Array): Encoded {
  if (values.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(`${name}: data does not match dims`);
  return [
    ...packedVarintField(1, dims),
    ...varintField(2, elemType),
    ...stringField(8, name),
    ...bytesField(9, new Uint8Array(values.buffer, values.byteOffset, values.byteLength)),
  ];
}

export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): Encoded {
  const data = BigInt64Array.from(values, (v) => BigInt(v));
  return [
    ...packedVarintField(1, dims),
    ...varintField(2, ElemType.INT64),
    ...stringField(8, name),
    ...bytesField(9, new Uint8Array(data.buffer)),
  ];
}

export type AttributeValue = { int: number } | { float: number } | { ints: readonly number[] };

function attribute(name: string, value: AttributeValue): Encoded {
  const fields: Encoded = stringField(1, name);
  if ('int' in value) fields.push(...varintField(3, value.int), ...varintField(20, AttributeType.INT));
  else if ('float' in value) fields.push(...floatField(2, value.float), ...varintField(20, AttributeType.FLOAT));
  else fields.push(...packedVarintField(8, value.ints), ...varintField(20, AttributeType.INTS));
  return fields;
}

export interface NodeSpec {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: Readonly<Record<string, AttributeValue>>;
}

function node(spec: NodeSpec, name: string): Encoded {
  return [
    ...spec.inputs.flatMap((input) => stringField(1, input)),
    ...spec.outputs.flatMap((output) => stringField(2, output)),
    ...stringField(3, name),
    ...stringField(4, spec.op),
    ...Object.entries(spec.attributes ?? {}).flatMap(([key, value]) => messageField(5, attribute(key, value))),
  ];
}

// A string dim becomes a symbolic dim_param, so one model serves any batch size and length.
export type Dim = number | string;

export function tensorValueInfo(name: string, elemType: ElemType, dims: readonly Dim[]): Encoded {
  const shape = dims.flatMap((dim) =>
    messageField(1, typeof dim === 'number' ? varintField(1, dim) : stringField(2, dim)),
  );
  const tensorType = [...varintField(1, elemType), ...messageField(2, shape)];
  return [...stringField(1, name), ...messageField(2, messageField(1, tensorType))];
}

export interface GraphSpec {
  name: string;
  nodes: readonly NodeSpec[];
  initializers: readonly Encoded[];
  inputs: readonly Encoded[];
  outputs: readonly Encoded[];
}

function graph(spec: GraphSpec): Encoded {
  return [
    ...spec.nodes.flatMap((n, i) => messageField(1, node(n, `${n.op}_${i}`))),
    ...stringField(2, spec.name),
    ...spec.initializers.flatMap((t) => messageField(5, t)),
    ...spec.inputs.flatMap((v) => messageField(11, v)),
    ...spec.outputs.flatMap((v) => messageField(12, v)),
  ];
}

export function modelProto(spec: GraphSpec, producerName: string): Encoded {
  const opsetImport = [...stringField(1, ''), ...varintField(2, DEFAULT_DOMAIN_OPSET)];
  return [
    ...varintField(1, IR_VERSION),
    ...stringField(2, producerName),
    ...messageField(7, graph(spec)),
    ...messageField(8, opsetImport),
  ];
}
