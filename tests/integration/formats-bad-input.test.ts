import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { copyEssays } from '../support/corpus-copy.js';
import { readEssay } from '../support/documents/essay-model.js';
import { essayEpub } from '../support/documents/epub-fixture.js';
import { essayFile } from '../support/documents/format-corpus.js';
import { docxBomb, forgeEntryName, lyingDocxBomb, PNG_BYTES } from '../support/documents/hostile-files.js';
import { essayPdf, garbledPdf, scannedPdf } from '../support/documents/pdf-fixture.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
/** With this limit a DOCX or EPUB may unpack to 10 MB. */
const LIMIT = 1_000_000;

/**
 * Puts one bad file beside the two essays and reads the corpus: the bad file is
 * skipped with the expected code and a one-line reason, and the essays are read
 * exactly as without it.
 */
async function expectRefused(name: string, bytes: Buffer | ((file: string) => Promise<void>), code: string, reason: RegExp): Promise<void> {
  const dir = await copyEssays(await tempDir());
  const file = path.join(dir, name);
  if (typeof bytes === 'function') await bytes(file);
  else await writeFile(file, bytes);
  const corpus = await readCorpus(dir, { maxDocumentBytes: LIMIT });
  expect(corpus.ok).toBe(true);
  if (!corpus.ok) return;
  expect(corpus.value.documents.map((document) => [document.id, document.paragraphs.length])).toEqual([
    ['putin-witkoff-meeting', 17],
    ['trump-putin-call', 16],
  ]);
  expect(corpus.value.skipped.map((problem) => problem.code)).toEqual([code]);
  const [problem] = corpus.value.skipped;
  expect(problem!.message).toMatch(reason);
  expect(problem!.message.startsWith(name)).toBe(true);
  expect(`${problem!.message} ${problem!.hint ?? ''}`).not.toMatch(/\n/);
}

describe('bad documents are refused with a one-line reason, and the rest of the corpus is unaffected', () => {
  it('GIVEN a scanned PDF (pages that are pictures) THEN PDF_NO_TEXT, naming OCR', async () => {
    await expectRefused('scan.pdf', await scannedPdf(), 'PDF_NO_TEXT', /no text layer/);
  });

  it('GIVEN a password-protected PDF THEN PDF_ENCRYPTED', async () => {
    const locked = await essayPdf(readEssay('trump-putin-call'), { userPassword: 'secret' });
    await expectRefused('locked.pdf', locked.bytes, 'PDF_ENCRYPTED', /password-protected/);
  });

  it('GIVEN a PDF whose text layer extracts as symbols THEN PDF_GARBLED', async () => {
    await expectRefused('garbled.pdf', await garbledPdf(), 'PDF_GARBLED', /mostly noise/);
  });

  it('GIVEN a PNG renamed .pdf THEN DOCUMENT_DAMAGED', async () => {
    await expectRefused('photo.pdf', PNG_BYTES, 'DOCUMENT_DAMAGED', /not a readable PDF file \(it does not start like a PDF/);
  });

  it('GIVEN a PNG renamed .docx, and a zip renamed .pdf THEN each is DOCUMENT_DAMAGED', async () => {
    await expectRefused('photo.docx', PNG_BYTES, 'DOCUMENT_DAMAGED', /not a zip archive/);
    await expectRefused('bomb.pdf', await docxBomb(50_000_000), 'DOCUMENT_DAMAGED', /does not start like a PDF/);
  });

  it('GIVEN a DOCX that is a zip bomb (50 MB of XML in 50 KB) THEN DOCUMENT_EXPANDS_TOO_FAR, before inflating it', async () => {
    const bomb = await docxBomb(50_000_000);
    expect(bomb.length).toBeLessThan(LIMIT);
    await expectRefused('bomb.docx', bomb, 'DOCUMENT_EXPANDS_TOO_FAR', /more than 10000000 bytes/);
  });

  it('GIVEN a zip bomb whose headers lie about its size THEN it is stopped at the limit all the same', async () => {
    await expectRefused('liar.docx', await lyingDocxBomb(50_000_000, 1_000), 'DOCUMENT_EXPANDS_TOO_FAR', /zip bomb/);
  });

  it('GIVEN a 200 MB file THEN DOCUMENT_TOO_LARGE, without reading it', async () => {
    const sparse = async (file: string) => {
      const handle = await open(file, 'w');
      await handle.truncate(200 * 1024 * 1024);
      await handle.close();
    };
    await expectRefused('huge.pdf', sparse, 'DOCUMENT_TOO_LARGE', /209715200 bytes, over the 1000000-byte limit/);
  });

  it('GIVEN an EPUB with an entry named "../../../…" THEN DOCUMENT_UNSAFE_PATH', async () => {
    const epub = await essayEpub(readEssay('trump-putin-call'), { extraEntries: { 'OEBPS/xx/evil.xhtml': '<p>pwned</p>' } });
    await expectRefused('book.epub', forgeEntryName(epub, 'OEBPS/xx/', '../../../'), 'DOCUMENT_UNSAFE_PATH', /leaves the archive \(\.\.\/\.\.\/\.\.\/evil\.xhtml\)/);
  });

  it('GIVEN an EPUB whose spine points outside the archive THEN DOCUMENT_UNSAFE_PATH', async () => {
    const epub = await essayEpub(readEssay('trump-putin-call'), { traversalHref: '../../../../etc/passwd' });
    await expectRefused('book.epub', epub, 'DOCUMENT_UNSAFE_PATH', /etc\/passwd/);
  });

  it('GIVEN a good PDF beside the bad files THEN it is read', async () => {
    const dir = await copyEssays(await tempDir());
    await writeFile(path.join(dir, 'report.pdf'), (await essayFile('pdf', 'trump-putin-call')).bytes);
    await writeFile(path.join(dir, 'scan.pdf'), await scannedPdf());
    const corpus = await readCorpus(dir, { maxDocumentBytes: LIMIT });
    expect(corpus.ok && corpus.value.documents.map((document) => document.id)).toEqual(['putin-witkoff-meeting', 'report', 'trump-putin-call']);
  });
});
