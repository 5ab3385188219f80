import { describe, expect, it } from 'vitest';
import { KeywordIndex } from '../../../src/index/keyword-index.js';
import { weightedTermsOf } from '../../../src/index/keyword-terms.js';

const entry = (label: number, text: string) => ({ label, text, context: '' });

describe('KeywordIndex', () => {
  it('GIVEN a question THEN chunks are ranked by BM25 with IDF-weighted coverage, stems matching', async () => {
    const index = KeywordIndex.build([
      entry(1, 'The negotiations with Washington stalled.'),
      entry(2, 'Sanctions relief was negotiated in Moscow.'),
      entry(3, 'Nothing relevant here at all.'),
    ]);
    const { hits, coverage } = index.search(weightedTermsOf('Were sanctions negotiated?'), 5);
    expect(hits[0]?.label).toBe(2);
    expect(hits[0]?.coverage).toBe(1);
    expect(coverage(1)).toBeGreaterThan(0);
    expect(coverage(1)).toBeLessThan(1);
    expect(coverage(3)).toBe(0);
  });

  it('GIVEN a question word no chunk contains THEN the words that do still find chunks', () => {
    const common = Array.from({ length: 1_500 }, (_, i) => entry(i, `Russia paragraph number ${i}.`));
    const index = KeywordIndex.build([...common, entry(5_000, 'Russia and Hegseth.')]);
    expect(index.search(weightedTermsOf('Russia Hegseth Venezuela'), 10).hits.map((hit) => hit.label)).toEqual([5_000]);
    expect(index.search(weightedTermsOf('Russia Venezuela'), 10).hits.length).toBe(10);
  });

  it('GIVEN a term in more chunks than the postings budget THEN the rare term alone picks the candidates', () => {
    const common = Array.from({ length: 1_500 }, (_, i) => entry(i, `Russia paragraph number ${i}.`));
    const index = KeywordIndex.build([...common, entry(5_000, 'Russia and Hegseth.'), entry(5_001, 'Hegseth spoke.')]);
    const { hits, coverage } = index.search(weightedTermsOf('Russia Hegseth'), 10);
    expect(hits.map((hit) => hit.label).sort()).toEqual([5_000, 5_001]);
    // "Russia" is nearly everywhere, so it weighs almost nothing in coverage.
    expect(hits[0]?.coverage).toBeGreaterThan(0.95);
    expect(coverage(0)).toBe(0);
  });

  // The index splits text as the question is split: a chunk saying "won't" holds no "won" to be found.
  it('GIVEN "won\'t" in one chunk and "won" in another THEN a search for "won" finds only the latter', () => {
    const index = KeywordIndex.build([entry(1, 'Moscow won’t stop the war.'), entry(2, 'Trump won the vote.')]);
    expect(index.search(weightedTermsOf('Who won?'), 5).hits.map((hit) => hit.label)).toEqual([2]);
  });

  it('GIVEN a serialised index THEN loading it gives the same results and frequencies', async () => {
    const index = KeywordIndex.build([entry(1, 'Kellogg met Witkoff.'), entry(2, 'Witkoff went to Moscow.')]);
    for (const mode of ['blocking', 'yielding'] as const) {
      const loaded = await KeywordIndex.load(index.serialize(), mode);
      expect(loaded.search(weightedTermsOf('Witkoff Kellogg'), 5).hits).toEqual(index.search(weightedTermsOf('Witkoff Kellogg'), 5).hits);
      expect(loaded.idf('witkoff')).toBe(index.idf('witkoff'));
      expect(loaded.size).toBe(2);
    }
  });
});
