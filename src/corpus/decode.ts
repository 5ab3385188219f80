import { err, ok, type Result } from '../core/result.js';

const SNIFF_BYTES = 8192;
const MAX_CONTROL_SHARE = 0.05;

export interface DecodedText {
  readonly text: string;
  /** Invalid UTF-8 sequences replaced with U+FFFD; 0 for clean text. */
  readonly invalidSequences: number;
}

/**
 * Turns file bytes into text. UTF-8 (with or without BOM) and BOM-marked UTF-16 are
 * read as such. Bytes that are not valid UTF-8 are either damage in a UTF-8 file
 * (it also has valid multi-byte characters, at least as many as bad sequences: each
 * bad sequence becomes U+FFFD and is counted, the rest stays as written) or a legacy
 * 8-bit file, read as Windows-1252, the usual culprit. NUL bytes or many control
 * characters mean the file is not text.
 */
export function decodeText(bytes: Uint8Array): Result<DecodedText, 'binary'> {
  const clean = (text: string) => checkText({ text, invalidSequences: 0 });
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return clean(new TextDecoder('utf-16le').decode(bytes.subarray(2)));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return clean(new TextDecoder('utf-16be').decode(bytes.subarray(2)));
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return err('binary');
  const utf8 = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return clean(new TextDecoder('utf-8', { fatal: true }).decode(utf8));
  } catch {
    const lossy = new TextDecoder('utf-8').decode(utf8);
    const replacements = (lossy.match(/\uFFFD/g)?.length ?? 0) - occurrences(utf8, REPLACEMENT_CHARACTER_UTF8);
    const valid = lossy.match(/[^\p{ASCII}\uFFFD]/gu)?.length ?? 0;
    return valid > 0 && valid >= replacements ? checkText({ text: lossy, invalidSequences: replacements }) : clean(decodeWindows1252(utf8));
  }
}

/** U+FFFD written as UTF-8: a replacement character already in the file is not damage. */
const REPLACEMENT_CHARACTER_UTF8 = Buffer.from([0xef, 0xbf, 0xbd]);

function occurrences(bytes: Uint8Array, needle: Buffer): number {
  const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count += 1;
  return count;
}

/** Windows-1252's printable characters in 0x80–0x9F; Node's TextDecoder reads that label as Latin-1 and misses them. */
const WINDOWS_1252_HIGH =
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]!);
}

function checkText(decoded: DecodedText): Result<DecodedText, 'binary'> {
  const sample = decoded.text.slice(0, SNIFF_BYTES);
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const controls = sample.match(/[\u0000-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  return sample.length > 0 && controls / sample.length > MAX_CONTROL_SHARE ? err('binary') : ok(decoded);
}
