import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceDocument } from '../../src/corpus/document.js';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { ESSAY_IDS, readEssay, words } from '../support/documents/essay-model.js';
import { AUTHOR, type BinaryFormat, FOOTNOTE, formatCorpus, PUBLICATION, RUNNING_HEAD } from '../support/documents/format-corpus.js';
import type { PdfFixture } from '../support/documents/pdf-fixture.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const FORMATS: readonly BinaryFormat[] = ['pdf', 'docx', 'epub'];

const paragraphText = (document: SourceDocument, index: number) => {
  const paragraph = document.paragraphs[index]!;
  return document.text.slice(paragraph.span.start, paragraph.span.end);
};

describe.each(FORMATS)('the essays as %s files', (format) => {
  let documents: Map<string, SourceDocument>;
  let pdfs: Map<string, PdfFixture>;
  beforeAll(async () => {
    const corpus = await formatCorpus(await tempDir(), format);
    pdfs = corpus.pdfs;
    const read = await readCorpus(corpus.dir, { maxDocumentBytes: 10_000_000 });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.skipped).toEqual([]);
    documents = new Map(read.value.documents.map((document) => [document.id, document]));
  }, 60_000);

  it.each(ESSAY_IDS)('GIVEN %s THEN every paragraph comes back word for word, with its section and the quotation’s credit', (id) => {
    const essay = readEssay(id);
    const document = documents.get(id)!;
    expect(document.format).toBe(format);
    const body = document.paragraphs.filter((paragraph) => paragraph.section !== 'Notes');
    expect(body.map((_, index) => words(paragraphText(document, index)))).toEqual(essay.paragraphs.map((paragraph) => words(paragraph.text)));
    expect(body.map((paragraph) => paragraph.section)).toEqual(essay.paragraphs.map((paragraph) => paragraph.section));
    const credits = body.map((paragraph) => words(paragraph.attribution.map((line) => document.text.slice(line.start, line.end)).join(' ')));
    expect(credits).toEqual(essay.paragraphs.map((paragraph) => words(paragraph.attribution.join(' '))));
  });

  it.each(ESSAY_IDS)('GIVEN %s THEN the title and author come from the file’s own metadata', (id) => {
    const document = documents.get(id)!;
    expect(document.title).toBe(readEssay(id).title);
    expect(document.authors).toEqual([AUTHOR]);
    if (format === 'epub') expect([document.publication, document.date]).toEqual([PUBLICATION, '2025-02-13']);
    else expect([document.publication, document.date]).toEqual([null, null]);
  });

  if (format !== 'epub') {
    it('GIVEN a footnote THEN it is a note after the body, not part of any body paragraph', () => {
      const document = documents.get('trump-putin-call')!;
      const notes = document.paragraphs.filter((paragraph) => paragraph.section === 'Notes');
      expect(notes.map((paragraph) => words(document.text.slice(paragraph.span.start, paragraph.span.end)))).toEqual([
        format === 'pdf' ? `1 ${FOOTNOTE}` : FOOTNOTE,
      ]);
      expect(notes[0]!.number).toBe(document.paragraphs.length);
    });
  }

  if (format === 'pdf') {
    it.each(ESSAY_IDS)('GIVEN %s THEN each paragraph knows its printed pages, including one that runs across a page break', (id) => {
      const document = documents.get(id)!;
      const expected = pdfs.get(id)!.pagesOfParagraph;
      expect(document.paragraphs.slice(0, expected.length).map((paragraph) => paragraph.pages)).toEqual(expected);
      expect(expected.some((pages) => pages.first !== pages.last)).toBe(true);
      expect(expected[0]!.first).toBe('12');
    });

    it('GIVEN running heads and folios on every page THEN no paragraph contains them', () => {
      for (const document of documents.values()) {
        for (let index = 0; index < document.paragraphs.length; index += 1) {
          const text = paragraphText(document, index);
          expect(text).not.toContain(RUNNING_HEAD);
          expect(text).not.toMatch(/(?:^|\s)1[2-9](?:\s|$)/);
        }
      }
    });

    it('GIVEN a word hyphenated at a line end and a compound broken at its hyphen THEN the first is joined, the second keeps its hyphen', () => {
      const splits = [...pdfs.values()].flatMap((pdf) => pdf.hyphenated);
      const text = [...documents.values()].map((document) => document.text).join('\n');
      // One soft break per essay ("negoti-|ations") and one compound broken at its own hyphen ("much-|anticipated").
      expect(splits.filter((split) => split.word.includes('-'))).toHaveLength(2);
      expect(splits.filter((split) => !split.word.includes('-'))).toHaveLength(2);
      for (const split of splits) {
        expect(text, split.printed).toMatch(new RegExp(`(?<![\\p{L}-])${split.word}(?![\\p{L}-])`, 'u'));
        if (!split.word.includes('-')) expect(text, split.printed).not.toContain(split.printed.replace('|', ''));
      }
    });

    it('GIVEN a sidecar THEN its fields win over the PDF’s own', async () => {
      const root = await tempDir();
      const corpus = await formatCorpus(root, 'pdf');
      await writeFile(path.join(corpus.dir, 'trump-putin-call.meta.yaml'), `title: A title from the sidecar\nauthors: [Someone Else, Another Person]\npublication: ${PUBLICATION}\ndate: 2025-02-13\n`);
      const read = await readCorpus(corpus.dir, { maxDocumentBytes: 10_000_000 });
      const document = read.ok ? read.value.documents.find((candidate) => candidate.id === 'trump-putin-call') : undefined;
      expect(document && [document.title, document.authors, document.publication, document.date]).toEqual([
        'A title from the sidecar',
        ['Someone Else', 'Another Person'],
        PUBLICATION,
        '2025-02-13',
      ]);
    });
  }
});
