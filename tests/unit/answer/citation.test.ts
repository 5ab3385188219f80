import { describe, expect, it } from 'vitest';
import { type CitedWork, formatCitation, pageLabel } from '../../../src/answer/citation.js';
import { citationLine } from '../../../src/answer/passages.js';

const essay: CitedWork = {
  title: 'After the Trump–Putin phone call: why talks on Ukraine suit the Kremlin',
  authors: ['Tatiana Stanovaya'],
  publication: 'Carnegie Politika',
  date: '2025-02-13',
  sourceUrl: 'https://example.org/politika/trump-putin-call',
  retrieved: '2025-03-02',
};
const italic = (text: string) => `*${text}*`;
const acrossPages = { paragraph: 5, pages: { first: '12', last: '13' } };

describe('formatted citations', () => {
  it('GIVEN a dated web article on two pages THEN Chicago (note), MLA and APA each cite the pages and paragraph', () => {
    expect(formatCitation('chicago', essay, acrossPages, italic)).toBe(
      'Tatiana Stanovaya, “After the Trump–Putin phone call: why talks on Ukraine suit the Kremlin,” *Carnegie Politika*, February 13, 2025, 12–13, para. 5, https://example.org/politika/trump-putin-call.',
    );
    expect(formatCitation('mla', essay, acrossPages, italic)).toBe(
      'Stanovaya, Tatiana. “After the Trump–Putin phone call: why talks on Ukraine suit the Kremlin.” *Carnegie Politika*, 13 Feb. 2025, pp. 12–13, par. 5, example.org/politika/trump-putin-call. Accessed 2 Mar. 2025.',
    );
    expect(formatCitation('apa', essay, acrossPages, italic)).toBe(
      'Stanovaya, T. (2025, February 13). After the Trump–Putin phone call: why talks on Ukraine suit the Kremlin. *Carnegie Politika*, pp. 12–13, para. 5. https://example.org/politika/trump-putin-call',
    );
  });

  it('GIVEN only a title THEN nothing is invented: no author, date, publication or URL appears', () => {
    const bare: CitedWork = { title: 'Notes on the talks', authors: [], publication: null, date: null, sourceUrl: null, retrieved: null };
    expect(formatCitation('chicago', bare, { paragraph: 3 }, italic)).toBe('*Notes on the talks*, para. 3.');
    expect(formatCitation('mla', bare, { paragraph: 3 }, italic)).toBe('*Notes on the talks*. Par. 3.');
    expect(formatCitation('apa', bare, { paragraph: 3 }, italic)).toBe('*Notes on the talks.* (n.d.). Para. 3.');
  });

  it('GIVEN several authors THEN each style lists them its own way', () => {
    const three = { ...essay, authors: ['Tatiana Stanovaya', 'Smith, John A.', 'Jean-Paul Sartre'] };
    const place = { paragraph: 2, pages: { first: '3', last: '3' } };
    expect(formatCitation('chicago', three, place)).toMatch(/^Tatiana Stanovaya, John A\. Smith, and Jean-Paul Sartre, “/);
    expect(formatCitation('mla', three, place)).toMatch(/^Stanovaya, Tatiana, et al\. “/);
    expect(formatCitation('apa', three, place)).toMatch(/^Stanovaya, T\., Smith, J\. A\., & Sartre, J\.-P\. \(2025, February 13\)/);
    expect(formatCitation('mla', { ...essay, authors: ['Tatiana Stanovaya', 'John Smith'] }, place)).toMatch(/^Stanovaya, Tatiana, and John Smith\. /);
  });

  it('GIVEN an undated page THEN Chicago says when it was accessed, APA says n.d.', () => {
    const undated = { ...essay, date: null };
    expect(formatCitation('chicago', undated, { paragraph: 1 })).toContain('Carnegie Politika, accessed March 2, 2025, para. 1,');
    expect(formatCitation('apa', undated, { paragraph: 1 })).toMatch(/^Stanovaya, T\. \(n\.d\.\)\./);
  });

  it('GIVEN pages THEN citation lines show p. or pp. next to ¶N', () => {
    expect(pageLabel({ first: '12', last: '12' })).toBe('p. 12');
    expect(pageLabel({ first: '12', last: '13' })).toBe('pp. 12–13');
    expect(citationLine({ title: 'T', section: 'S', paragraph: 4, pages: { first: '12', last: '13' } })).toBe('T · S · pp. 12–13 · ¶4');
    expect(citationLine({ title: 'T', section: null, paragraph: 4 })).toBe('T · ¶4');
  });
});
