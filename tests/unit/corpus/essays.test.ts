import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkParagraphs } from '../../../src/corpus/chunker.js';
import type { SourceDocument } from '../../../src/corpus/document.js';
import { readCorpus } from '../../../src/corpus/read-corpus.js';
import { ESSAYS_DIR } from '../../support/paths.js';

async function essays(): Promise<Map<string, SourceDocument>> {
  const corpus = await readCorpus(ESSAYS_DIR, { maxDocumentBytes: 1_000_000 });
  if (!corpus.ok) throw new Error(corpus.error.message);
  return new Map(corpus.value.documents.map((document) => [document.id, document]));
}

const text = (document: SourceDocument, n: number) => {
  const paragraph = document.paragraphs[n - 1];
  if (!paragraph) throw new Error(`no paragraph ${n}`);
  return document.text.slice(paragraph.span.start, paragraph.span.end);
};

describe('the two essays as ingested', () => {
  it('GIVEN the corpus folder THEN both essays are read with their front-matter titles and no skipped files', async () => {
    const corpus = await readCorpus(ESSAYS_DIR, { maxDocumentBytes: 1_000_000 });
    expect(corpus.ok && corpus.value.skipped).toEqual([]);
    const documents = await essays();
    expect([...documents.keys()].sort()).toEqual(['putin-witkoff-meeting', 'trump-putin-call']);
    expect(documents.get('trump-putin-call')?.title).toMatch(/Trump–Putin phone call/);
  });

  it('GIVEN the first essay THEN it has 16 paragraphs, no sections, and paragraph 1 and 16 are the seed lines', async () => {
    const essay = (await essays()).get('trump-putin-call')!;
    expect(essay.paragraphs).toHaveLength(16);
    expect(essay.paragraphs.every((paragraph) => paragraph.section === null)).toBe(true);
    expect(text(essay, 1)).toMatch(/^Three weeks after U\.S\. President Donald Trump’s inauguration,.*best suits Putin\.$/);
    expect(text(essay, 16)).toMatch(/^Of course, much in the negotiations.*that’s something Putin does well\.$/);
  });

  it('GIVEN the second essay THEN headings are sections, not paragraphs, and count the way a reader does (17)', async () => {
    const essay = (await essays()).get('putin-witkoff-meeting')!;
    expect(essay.paragraphs).toHaveLength(17);
    const sections = essay.paragraphs.map((paragraph) => paragraph.section);
    expect(sections.slice(0, 2)).toEqual([null, null]);
    expect(new Set(sections.slice(2, 9))).toEqual(new Set(['Trump’s limited influence']));
    expect(new Set(sections.slice(9))).toEqual(new Set(['What the Kremlin wants']));
    expect(essay.paragraphs.some((paragraph) => /^(Trump’s limited influence|What the Kremlin wants)$/.test(text(essay, paragraph.number)))).toBe(false);
  });

  it('GIVEN the Thomas Graham blockquote THEN its two credit lines belong to the quotation, not to a paragraph of their own', async () => {
    const essay = (await essays()).get('putin-witkoff-meeting')!;
    const quote = essay.paragraphs[11]!;
    expect(text(essay, 12)).toMatch(/^Putin is well on his way.*broader discussion about European security\.$/);
    expect(quote.attribution.map((line) => essay.text.slice(line.start, line.end))).toEqual([
      'Thomas Graham',
      'Former senior director for Russia on the US National Security Council staff (2004–2007)',
    ]);
    expect(text(essay, 13)).toMatch(/^In other words, for Moscow/);
  });

  it('GIVEN every paragraph and chunk THEN its text is the exact slice of the file on disk at its offsets', async () => {
    for (const essay of (await essays()).values()) {
      const onDisk = await readFile(path.join(ESSAYS_DIR, essay.path), 'utf8');
      expect(essay.text).toBe(onDisk);
      const chunks = chunkParagraphs(essay.id, essay.text, essay.paragraphs, {
        maxTokens: 40,
        countTokens: (t) => t.split(/\s+/).length,
      });
      for (const chunk of chunks) {
        const slice = onDisk.slice(chunk.span.start, chunk.span.end);
        expect(slice.length).toBeGreaterThan(0);
        expect(slice).toBe(slice.trim());
        const paragraph = essay.paragraphs[chunk.paragraph - 1]!;
        expect(chunk.span.start).toBeGreaterThanOrEqual(paragraph.span.start);
        expect(chunk.span.end).toBeLessThanOrEqual(paragraph.span.end);
      }
      // Curly quotes survive ingestion untouched.
      expect(essay.text).toMatch(/[’“”]/);
    }
  });
});
