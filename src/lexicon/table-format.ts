import { createHash } from 'node:crypto';
import { err, ok, type Result } from '../core/result.js';

/**
 * The word-vector table on disk: a fixed header, a JSON description, the words
 * (UTF-8, one per line, most frequent first) and one int8 row per word.
 *
 *   0  "CITELEX1"        magic (8 bytes)
 *   8  u32 version       TABLE_VERSION; another version is refused, not misread
 *  12  u32 dimensions
 *  16  u32 words
 *  20  u32 description bytes
 *  24  u32 word list bytes
 *  28  sha256           of everything after the header (32 bytes)
 *  60  (4 bytes, zero)
 *  64  description JSON, word list, rows (words × dimensions int8)
 *
 * Each row is the word's unit vector scaled so its largest component is ±127:
 * per-row scaling keeps small components distinct, and cosine similarity, the
 * only thing the table is used for, does not care about a row's length.
 */
export const TABLE_MAGIC = 'CITELEX1';
export const TABLE_VERSION = 1;
const HEADER_BYTES = 64;

/** Where the vectors came from, stored in the table for `sources` and for humans. */
export interface TableDescription {
  readonly source: string;
  readonly licence: string;
  readonly words: number;
  readonly dimensions: number;
  readonly quantization: 'int8, per-row scale';
}

export interface DecodedTable {
  readonly description: TableDescription;
  /** SHA-256 of the table's contents (hex): what an index records to know which table its word neighbours came from. */
  readonly checksum: string;
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly rows: Int8Array;
}

export function encodeTable(description: TableDescription, words: readonly string[], vectors: readonly ArrayLike<number>[]): Uint8Array {
  const dimensions = description.dimensions;
  const describedBytes = Buffer.from(JSON.stringify(description), 'utf8');
  const wordBytes = Buffer.from(words.join('\n'), 'utf8');
  const rows = new Int8Array(words.length * dimensions);
  vectors.forEach((vector, row) => rows.set(quantize(vector, dimensions), row * dimensions));
  const body = Buffer.concat([describedBytes, wordBytes, Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength)]);

  const header = Buffer.alloc(HEADER_BYTES);
  header.write(TABLE_MAGIC, 0, 'latin1');
  header.writeUInt32LE(TABLE_VERSION, 8);
  header.writeUInt32LE(dimensions, 12);
  header.writeUInt32LE(words.length, 16);
  header.writeUInt32LE(describedBytes.length, 20);
  header.writeUInt32LE(wordBytes.length, 24);
  createHash('sha256').update(body).digest().copy(header, 28);
  return Buffer.concat([header, body]);
}

function quantize(vector: ArrayLike<number>, dimensions: number): Int8Array {
  let largest = 0;
  for (let i = 0; i < dimensions; i += 1) largest = Math.max(largest, Math.abs(vector[i] ?? 0));
  const scale = largest === 0 ? 0 : 127 / largest;
  return Int8Array.from({ length: dimensions }, (_, i) => Math.round((vector[i] ?? 0) * scale));
}

/** Checks and splits a table; the reason says what is wrong in a few words. */
export function decodeTable(bytes: Uint8Array): Result<DecodedTable, string> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < HEADER_BYTES || buffer.toString('latin1', 0, 8) !== TABLE_MAGIC) return err('not a citebot word-vector table');
  const version = buffer.readUInt32LE(8);
  if (version !== TABLE_VERSION) return err(`table version ${version}, this citebot reads version ${TABLE_VERSION}`);
  const dimensions = buffer.readUInt32LE(12);
  const count = buffer.readUInt32LE(16);
  const describedBytes = buffer.readUInt32LE(20);
  const wordBytes = buffer.readUInt32LE(24);
  const expected = HEADER_BYTES + describedBytes + wordBytes + count * dimensions;
  if (buffer.length !== expected) return err(`${buffer.length} bytes where the header promises ${expected} (truncated?)`);
  const body = buffer.subarray(HEADER_BYTES);
  const checksum = buffer.subarray(28, 60);
  if (!createHash('sha256').update(body).digest().equals(checksum)) return err('checksum mismatch');

  let description: TableDescription;
  try {
    description = JSON.parse(body.toString('utf8', 0, describedBytes)) as TableDescription;
  } catch {
    return err('unreadable description');
  }
  const words = body.toString('utf8', describedBytes, describedBytes + wordBytes).split('\n');
  if (words.length !== count) return err(`${words.length} words where the header promises ${count}`);
  const rowsStart = body.byteOffset + describedBytes + wordBytes;
  const rows = new Int8Array(body.buffer, rowsStart, count * dimensions);
  return ok({ description, checksum: checksum.toString('hex'), dimensions, words, rows });
}
