import type { ContentCheck } from '../storage/verified-file.js';

/**
 * hnswlib's file layout (hnswalg.h, saveIndex): a 96-byte header, then every
 * element's level-0 record (size_data_per_element_ bytes each), then for every
 * element a 4-byte length and that many bytes of upper-level links.
 */
const HEADER_BYTES = 96;
const ELEMENT_COUNT_AT = 16;
const BYTES_PER_ELEMENT_AT = 24;

/**
 * Checks, while the file is read back, that an hnswlib index file is whole: its
 * header counts `elements` elements and the file ends exactly where its last link
 * list does. hnswlib's writeIndex ignores write errors, so a full disk leaves a
 * short file that it would only reject (with "Index seems to be corrupted") on load.
 */
export function hnswFileCheck(elements: number): ContentCheck {
  let position = 0;
  let header = Buffer.alloc(0);
  /** Offset of the next link-list length, once the header is known. */
  let nextLength = -1;
  let lengthBytes = Buffer.alloc(0);
  let listsSeen = 0;
  let count = -1;
  let problem: string | undefined;

  const readLengths = (chunk: Buffer, chunkStart: number) => {
    while (problem === undefined && listsSeen < count && nextLength < chunkStart + chunk.length) {
      const from = Math.max(0, nextLength - chunkStart);
      const take = chunk.subarray(from, from + 4 - lengthBytes.length);
      lengthBytes = Buffer.concat([lengthBytes, take]);
      if (lengthBytes.length < 4) return;
      nextLength += 4 + lengthBytes.readUInt32LE(0);
      lengthBytes = Buffer.alloc(0);
      listsSeen += 1;
    }
  };

  return {
    update(chunk) {
      const chunkStart = position;
      position += chunk.length;
      if (problem !== undefined) return;
      if (count < 0) {
        header = Buffer.concat([header, chunk.subarray(0, HEADER_BYTES - header.length)]);
        if (header.length < HEADER_BYTES) return;
        count = Number(header.readBigUInt64LE(ELEMENT_COUNT_AT));
        const perElement = Number(header.readBigUInt64LE(BYTES_PER_ELEMENT_AT));
        if (count !== elements) problem = `the file holds ${count} vectors, not ${elements}`;
        nextLength = HEADER_BYTES + count * perElement;
      }
      readLengths(chunk, chunkStart);
    },
    finish(digest) {
      if (problem !== undefined) return problem;
      if (count < 0) return `${digest.bytes} bytes on disk, less than a header`;
      if (listsSeen < count || nextLength !== digest.bytes) {
        return listsSeen < count ? `${digest.bytes} bytes on disk, cut short` : `${digest.bytes - nextLength} bytes too many on disk`;
      }
      return undefined;
    },
  };
}
