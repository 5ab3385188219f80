import type { Span } from './document.js';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Intl.Segmenter does not expose ICU's abbreviation suppressions, so "U.S. President"
 * would end a sentence after "U.S.". A break is undone when the text before it ends
 * in one of these, or in a single capital initial such as "J.".
 */
const ABBREVIATIONS = new Set([
  'u.s.', 'u.k.', 'u.n.', 'e.u.', 'mr.', 'mrs.', 'ms.', 'dr.', 'prof.', 'st.', 'sr.', 'jr.', 'gen.', 'col.', 'lt.',
  'sgt.', 'rep.', 'sen.', 'gov.', 'pres.', 'no.', 'vs.', 'etc.', 'e.g.', 'i.e.', 'a.m.', 'p.m.', 'approx.', 'inc.',
  'ltd.', 'co.', 'corp.', 'jan.', 'feb.', 'mar.', 'apr.', 'aug.', 'sept.', 'sep.', 'oct.', 'nov.', 'dec.',
]);

function endsWithAbbreviation(text: string): boolean {
  const lastWord = text.trimEnd().split(/\s+/).at(-1)?.toLowerCase() ?? '';
  const bare = lastWord.replace(/^[("“‘'[]+/u, '');
  return ABBREVIATIONS.has(bare) || /^[a-z]\.$/u.test(bare);
}

/** Sentences of `span`, as spans of `text` with surrounding whitespace excluded. */
export function sentenceSpans(text: string, span: Span): Span[] {
  const body = text.slice(span.start, span.end);
  const merged: { start: number; end: number }[] = [];
  for (const { index, segment } of segmenter.segment(body)) {
    const previous = merged.at(-1);
    if (previous && endsWithAbbreviation(body.slice(previous.start, previous.end))) previous.end = index + segment.length;
    else merged.push({ start: index, end: index + segment.length });
  }
  return merged
    .map(({ start, end }) => {
      const slice = body.slice(start, end);
      const lead = slice.length - slice.trimStart().length;
      return { start: span.start + start + lead, end: span.start + start + lead + slice.trim().length };
    })
    .filter((sentence) => sentence.end > sentence.start);
}
