import { describe, expect, it } from 'vitest';
import { chooseQuote } from '../../../src/answer/quote.js';
import { expandQuery } from '../../../src/answer/meaning.js';
import { queryTerms } from '../../../src/answer/query.js';
import { DEFAULTS } from '../../../src/answer/settings.js';

/** A question's terms matched as exact words only. */
const exactly = (question: string) => expandQuery(queryTerms(question), null, DEFAULTS.meaning);

const paragraph =
  'Russia is sorely tempted to wait. Hours before the call, U.S. Defense Secretary Pete Hegseth said the 2014 borders are unrealistic. ' +
  'NATO membership is unrealistic too. The weather was mild. Moscow waits.';
const span = { start: 0, end: paragraph.length };
const quoteFor = (question: string, maxChars = 600) =>
  (({ start, end }) => paragraph.slice(start, end))(chooseQuote(paragraph, span, exactly(question), () => 1, { maxSentences: 3, maxChars }));

describe('chooseQuote', () => {
  it('GIVEN a question about Hegseth THEN the quote is the sentence naming him, "U.S." not cut', () => {
    expect(quoteFor('What did Hegseth say?')).toBe(
      'Hours before the call, U.S. Defense Secretary Pete Hegseth said the 2014 borders are unrealistic.',
    );
  });

  it('GIVEN evidence in two neighbouring sentences THEN both are quoted, nothing between them is skipped', () => {
    expect(quoteFor('Hegseth on 2014 borders and NATO membership')).toBe(
      'Hours before the call, U.S. Defense Secretary Pete Hegseth said the 2014 borders are unrealistic. NATO membership is unrealistic too.',
    );
  });

  it('GIVEN no word of the question in the paragraph THEN the opening sentence is quoted', () => {
    expect(quoteFor('tell me about bananas')).toBe('Russia is sorely tempted to wait.');
  });

  it('GIVEN a sentence longer than the limit THEN it is cut at a word boundary, still a verbatim prefix', () => {
    const quote = quoteFor('Hegseth', 40);
    expect(paragraph.includes(quote)).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(40);
    expect(quote).toBe('Hours before the call, U.S. Defense');
  });

  it('GIVEN a short paragraph of two sentences THEN it is quoted whole', () => {
    const short = 'First sentence here. Second one.';
    const chosen = chooseQuote(short, { start: 0, end: short.length }, exactly('second'), () => 1);
    expect(short.slice(chosen.start, chosen.end)).toBe(short);
  });

  it('GIVEN a question word found only as a near word THEN the sentence holding the near word is quoted', () => {
    const text = 'The weather was mild that week. Talks were by no means necessary for Moscow. Nobody expected snow.';
    const question = [{ term: 'need', word: 'need', weight: 1, near: [{ term: 'necessari', similarity: 0.79, rank: 1394, credit: 0.58 }] }];
    const chosen = chooseQuote(text, { start: 0, end: text.length }, question, () => 1);
    expect(text.slice(chosen.start, chosen.end)).toBe('Talks were by no means necessary for Moscow.');
  });

  it('GIVEN one sentence with the word itself and one with a near word THEN the exact word wins', () => {
    const text = 'Talks were by no means necessary for Moscow. The weather was mild. Moscow did not need talks.';
    const question = [{ term: 'need', word: 'need', weight: 1, near: [{ term: 'necessari', similarity: 0.79, rank: 1394, credit: 0.58 }] }];
    const chosen = chooseQuote(text, { start: 0, end: text.length }, question, () => 1);
    expect(text.slice(chosen.start, chosen.end)).toBe('Moscow did not need talks.');
  });

  it('GIVEN a declared synonym THEN a sentence using only the synonym extends the quote, as the word itself would', () => {
    const text = 'Prisoner swaps were agreed in May. Exchanges followed within weeks. The weather was mild. Nobody expected snow.';
    const synonymOf = (term: string) => (term === 'swap' ? [{ term: 'exchang', similarity: 1, rank: 0, credit: 1 }] : []);
    const question = exactly('Were prisoner swaps agreed?').map((term) => ({ ...term, near: synonymOf(term.term) }));
    const chosen = chooseQuote(text, { start: 0, end: text.length }, question, () => 1);
    expect(text.slice(chosen.start, chosen.end)).toBe('Prisoner swaps were agreed in May. Exchanges followed within weeks.');
  });
});
