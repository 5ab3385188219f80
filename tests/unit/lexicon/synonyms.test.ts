import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSynonyms } from '../../../src/lexicon/synonyms.js';
import { REPO_ROOT } from '../../support/paths.js';

describe('parseSynonyms', () => {
  it('GIVEN groups THEN each word stands for the others of its group, by index term (so word forms follow)', () => {
    const parsed = parseSynonyms('# comment\n\nswap, Exchange\n  kremlin ,moscow  \n');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.of('swap')).toEqual([{ term: 'exchang', word: 'exchange' }]);
    expect(parsed.value.of('exchang')).toEqual([{ term: 'swap', word: 'swap' }]);
    expect(parsed.value.of('moscow')).toEqual([{ term: 'kremlin', word: 'kremlin' }]);
    expect(parsed.value.of('trade')).toEqual([]);
  });

  it('GIVEN two groups sharing a word THEN they are one group', () => {
    const parsed = parseSynonyms('swap, exchange\nexchange, trade\n');
    if (!parsed.ok) throw new Error(parsed.error.reason);
    expect(parsed.value.of('swap').map(({ word }) => word).sort()).toEqual(['exchange', 'trade']);
    expect(parsed.value.of('trade').map(({ word }) => word).sort()).toEqual(['exchange', 'swap']);
  });

  it.each([
    ['white house, administration', 2, '"white house" is not a single word'],
    ['swap,, exchange', 2, 'an empty word'],
    ['the, a', 2, '"the" is a word search ignores'],
    ['swap', 2, 'at least two words'],
    ['swaps, swap', 2, 'forms of one word'],
    ['e-mail, mail', 2, '"e-mail" is not a single word'],
  ])('GIVEN the line "%s" THEN it is refused, naming line %i', (line, number, reason) => {
    const parsed = parseSynonyms(`# groups\n${line}\n`);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.line).toBe(number);
    expect(parsed.error.reason).toContain(reason);
  });

  it('GIVEN the shipped lexicon/synonyms.txt THEN it parses (comments and examples only: no groups are shipped)', () => {
    const parsed = parseSynonyms(readFileSync(path.join(REPO_ROOT, 'lexicon/synonyms.txt'), 'utf8'));
    expect(parsed.ok && parsed.value.size).toBe(0);
  });
});
