import path from 'node:path';
import { loadWordVectors } from '../../src/lexicon/load-word-vectors.js';
import type { WordVectors } from '../../src/lexicon/word-vectors.js';
import { REPO_ROOT } from './paths.js';

/** The committed word-vector table, the one `npm start` uses. */
export const LEXICON_FILE = path.join(REPO_ROOT, 'lexicon/glove-6b-100d.lex');

let loading: Promise<WordVectors> | undefined;

/** The committed table, loaded once per test worker (it takes ~0.2 s and ~20 MB). */
export function testWordVectors(): Promise<WordVectors> {
  loading ??= loadWordVectors(LEXICON_FILE).then((loaded) => {
    if (!loaded.ok) throw new Error(loaded.error.message);
    return loaded.value;
  });
  return loading;
}
