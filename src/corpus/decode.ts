import { err, ok, type Result } from '../core/result.js';

const SNIFF_BYTES = 8192;
const MAX_CONTROL_SHARE = 0.05;

/**
 * Turns file bytes into text. UTF-8 (with or without BOM) and BOM-marked UTF-16 are
 * read as such; other bytes that are not valid UTF-8 are read as Windows-1252, the
 * usual culprit. NUL bytes or many control characters mean the file is not text.
 */
export function decodeText(bytes: Uint8Array): Result<string, 'binary'> {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return checkText(new TextDecoder('utf-16le').decode(bytes.subarray(2)));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return checkText(new TextDecoder('utf-16be').decode(bytes.subarray(2)));
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return err('binary');
  const utf8 = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return checkText(new TextDecoder('utf-8', { fatal: true }).decode(utf8));
  } catch {
    return checkText(decodeWindows1252(utf8));
  }
}

/** Windows-1252's printable characters in 0x80–0x9F; Node's TextDecoder reads that label as Latin-1 and misses them. */
const WINDOWS_1252_HIGH =
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]!);
}

function checkText(text: string): Result<string, 'binary'> {
  const sample = text.slice(0, SNIFF_BYTES);
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const controls = sample.match(/[\u0000-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  return sample.length > 0 && controls / sample.length > MAX_CONTROL_SHARE ? err('binary') : ok(text);
}
