import { readFile } from 'node:fs/promises';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { parseSynonyms, type Synonyms } from './synonyms.js';

/** A synonyms file is a short list kept by hand; anything larger is not one. */
const MAX_BYTES = 1024 * 1024;

/** Reads SYNONYMS_FILE; a missing file or a bad line is a typed error naming the fix. */
export async function loadSynonyms(file: string): Promise<Result<Synonyms, CitebotError>> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_BYTES) return err(citebotError('SYNONYMS_INVALID', { file, line: 0, reason: `larger than ${MAX_BYTES} bytes` }));
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err(citebotError('SYNONYMS_MISSING', { file }));
    return err(citebotError('SYNONYMS_INVALID', { file, line: 0, reason: `cannot be read (${code ?? 'read failed'})` }));
  }
  const parsed = parseSynonyms(text);
  return parsed.ok ? ok(parsed.value) : err(citebotError('SYNONYMS_INVALID', { file, ...parsed.error }));
}
