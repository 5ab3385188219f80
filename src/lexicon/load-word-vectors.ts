import { readFile } from 'node:fs/promises';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { decodeTable } from './table-format.js';
import { WordVectors } from './word-vectors.js';

/** Reads and checks the word-vector table; a missing, truncated or foreign file is a typed error naming the fix. */
export async function loadWordVectors(file: string): Promise<Result<WordVectors, CitebotError>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err(citebotError('LEXICON_MISSING', { file }));
    return err(citebotError('LEXICON_INVALID', { file, reason: `cannot be read (${code ?? 'read failed'})` }));
  }
  const decoded = decodeTable(bytes);
  if (!decoded.ok) return err(citebotError('LEXICON_INVALID', { file, reason: decoded.error }));
  return ok(new WordVectors(decoded.value));
}
