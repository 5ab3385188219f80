import { describe, expect, it } from 'vitest';
import { chunkParagraphs } from '../../../src/corpus/chunker.js';
import type { Paragraph } from '../../../src/corpus/document.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const paragraphOf = (text: string): Paragraph => ({ number: 7, section: 'S', span: { start: 0, end: text.length }, attribution: [] });

describe('chunkParagraphs', () => {
  it('GIVEN a paragraph within the window THEN it is one chunk, part 1 of 1', () => {
    const text = 'Short paragraph. Two sentences.';
    const chunks = chunkParagraphs('doc', text, [paragraphOf(text)], { maxTokens: 10, countTokens: words });
    expect(chunks).toEqual([{ docId: 'doc', paragraph: 7, part: 1, parts: 1, span: { start: 0, end: text.length } }]);
  });

  it('GIVEN a paragraph over the window THEN it splits at sentence ends into numbered parts of the same paragraph', () => {
    const text = 'One two three four. Five six seven eight. Nine ten eleven twelve. Thirteen.';
    const chunks = chunkParagraphs('doc', text, [paragraphOf(text)], { maxTokens: 8, countTokens: words });
    expect(chunks.map((chunk) => text.slice(chunk.span.start, chunk.span.end))).toEqual([
      'One two three four. Five six seven eight.',
      'Nine ten eleven twelve. Thirteen.',
    ]);
    expect(chunks.map((chunk) => [chunk.paragraph, chunk.part, chunk.parts])).toEqual([
      [7, 1, 2],
      [7, 2, 2],
    ]);
  });

  it('GIVEN "U.S." inside a sentence THEN the split does not happen after the abbreviation', () => {
    const text = 'Hours before, U.S. Defense Secretary Pete Hegseth spoke. Then it ended quickly today.';
    const chunks = chunkParagraphs('doc', text, [paragraphOf(text)], { maxTokens: 9, countTokens: words });
    expect(text.slice(chunks[0]!.span.start, chunks[0]!.span.end)).toBe('Hours before, U.S. Defense Secretary Pete Hegseth spoke.');
  });

  it('GIVEN one sentence longer than the window THEN it splits between words, never inside one', () => {
    const text = 'alpha beta gamma delta epsilon zeta eta theta';
    const chunks = chunkParagraphs('doc', text, [paragraphOf(text)], { maxTokens: 3, countTokens: words });
    const slices = chunks.map((chunk) => text.slice(chunk.span.start, chunk.span.end));
    expect(slices).toEqual(['alpha beta gamma', 'delta epsilon zeta', 'eta theta']);
  });
});
