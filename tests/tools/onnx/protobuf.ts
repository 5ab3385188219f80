// Just enough of the protobuf wire format to write ONNX files.
//
// A message is kept as a list of byte chunks rather than one buffer so that
// nesting a 90 MB weight tensor inside a graph inside a model never copies it:
// a parent only prepends its own tag and length.
export type Encoded = Uint8Array[];

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

export function byteLength(message: Encoded): number {
  return message.reduce((total, chunk) => total + chunk.length, 0);
}

export function concatBytes(message: Encoded): Uint8Array {
  const out = new Uint8Array(byteLength(message));
  let offset = 0;
  for (const chunk of message) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

// int64 fields hold negative values (e.g. axis -1) as 10-byte two's complement,
// hence BigInt rather than number arithmetic.
function varintBytes(value: number | bigint): number[] {
  let rest = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  while (rest >= 0x80n) {
    bytes.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  bytes.push(Number(rest));
  return bytes;
}

function tag(field: number, wireType: number): number[] {
  return varintBytes((field << 3) | wireType);
}

export function varintField(field: number, value: number | bigint): Encoded {
  return [Uint8Array.from([...tag(field, WIRE_VARINT), ...varintBytes(value)])];
}

export function floatField(field: number, value: number): Encoded {
  const payload = new Uint8Array(4);
  new DataView(payload.buffer).setFloat32(0, value, true);
  return [Uint8Array.from(tag(field, WIRE_FIXED32)), payload];
}

export function bytesField(field: number, payload: Uint8Array): Encoded {
  return [Uint8Array.from([...tag(field, WIRE_LENGTH_DELIMITED), ...varintBytes(payload.length)]), payload];
}

export function stringField(field: number, value: string): Encoded {
  return bytesField(field, new TextEncoder().encode(value));
}

export function messageField(field: number, message: Encoded): Encoded {
  const header = [...tag(field, WIRE_LENGTH_DELIMITED), ...varintBytes(byteLength(message))];
  return [Uint8Array.from(header), ...message];
}

export function packedVarintField(field: number, values: readonly (number | bigint)[]): Encoded {
  return bytesField(field, Uint8Array.from(values.flatMap(varintBytes)));
}
