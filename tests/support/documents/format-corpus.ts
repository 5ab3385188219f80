import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { essayDocx } from './docx-fixture.js';
import { ESSAY_IDS, readEssay } from './essay-model.js';
import { essayEpub } from './epub-fixture.js';
import { essayPdf, type PdfFixture } from './pdf-fixture.js';

export type BinaryFormat = 'pdf' | 'docx' | 'epub';

export const AUTHOR = 'Tatiana Stanovaya';
export const PUBLICATION = 'Carnegie Politika';
export const RUNNING_HEAD = `${PUBLICATION} · Russia and the United States`;
export const FOOTNOTE = 'First published in Carnegie Politika; reprinted with permission.';

/** The essays as one document format, with the file metadata each format carries. */
export async function essayFile(format: BinaryFormat, id: string): Promise<{ bytes: Buffer; pdf?: PdfFixture }> {
  const essay = readEssay(id);
  switch (format) {
    case 'pdf': {
      const pdf = await essayPdf(essay, { firstFolio: 12, runningHead: RUNNING_HEAD, footnote: FOOTNOTE, info: { Title: essay.title, Author: AUTHOR } });
      return { bytes: pdf.bytes, pdf };
    }
    case 'docx':
      return { bytes: await essayDocx(essay, { creator: AUTHOR, footnote: FOOTNOTE }) };
    case 'epub':
      return { bytes: await essayEpub(essay, { creator: AUTHOR, publisher: PUBLICATION, date: '2025-02-13' }) };
  }
}

/** Writes both essays in `format` into a fresh `corpus` folder under `root`. */
export async function formatCorpus(root: string, format: BinaryFormat): Promise<{ dir: string; pdfs: Map<string, PdfFixture> }> {
  const dir = path.join(root, `corpus-${format}`);
  await mkdir(dir, { recursive: true });
  const pdfs = new Map<string, PdfFixture>();
  for (const id of ESSAY_IDS) {
    const file = await essayFile(format, id);
    await writeFile(path.join(dir, `${id}.${format}`), file.bytes);
    if (file.pdf) pdfs.set(id, file.pdf);
  }
  return { dir, pdfs };
}
