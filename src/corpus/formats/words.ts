import { readFile } from 'node:fs/promises';
import wordListPath from 'word-list';

let dictionary: Promise<ReadonlySet<string>> | undefined;

/** 274,000 English words in British and American spelling (word-list), read once, on first need. */
function englishWords(): Promise<ReadonlySet<string>> {
  return (dictionary ??= readFile(wordListPath, 'utf8').then((text) => new Set(text.split('\n'))));
}

/**
 * Whether a word split by a line-end hyphen is one word: it is if the document
 * uses it elsewhere, or if the dictionary knows it. The dictionary is only read
 * when the document itself cannot tell.
 */
export async function wordChecker(texts: readonly string[]): Promise<(word: string) => boolean> {
  const own = new Set<string>();
  for (const text of texts) for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) own.add(word);
  const hyphenated = texts.some((text) => /\p{L}-$/u.test(text));
  const known = hyphenated ? await englishWords() : new Set<string>();
  return (word) => own.has(word) || known.has(word);
}
