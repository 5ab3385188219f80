import { createRequire } from 'node:module';
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';
import path from 'node:path';
import { err, ok, type Result } from '../../core/result.js';
import type { DocumentMetadata, ParsedSource } from '../document.js';
import { StoredTextBuilder } from '../stored-text.js';
import { extractionNoise } from './noise.js';
import { findFurniture, pageLabels } from './pdf-furniture.js';
import { bodySize, type Line, type PdfPage, pageLines, readingOrder } from './pdf-lines.js';
import { paragraphBlocks } from './pdf-paragraphs.js';
import { wordChecker } from './words.js';

export type PdfProblem = 'not-pdf' | 'encrypted' | 'no-text' | 'noise' | 'damaged';

const require = createRequire(import.meta.url);
/** pdf.js reads the 14 standard fonts' metrics from here instead of guessing (and warning). */
const STANDARD_FONTS = `${path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/** A page with fewer characters than this has no text layer worth the name. */
const MIN_PAGE_CHARACTERS = 20;

let pdfjs: Promise<typeof PdfJs> | undefined;

/**
 * A PDF with a text layer → paragraphs with the pages they sit on. The stored text
 * is pdf.js's extracted text rebuilt into paragraphs (ligatures expanded by pdf.js,
 * line-end hyphens removed where the joined word is a word). Scanned (image-only),
 * password-protected and garbled PDFs are refused: OCR is out of scope.
 */
export async function parsePdf(bytes: Uint8Array): Promise<Result<ParsedSource, PdfProblem>> {
  if (!Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')) return err('not-pdf');
  const library = await (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
  const task = library.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: STANDARD_FONTS,
    verbosity: library.VerbosityLevel.ERRORS,
  });
  let document;
  try {
    document = await task.promise;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return err(name === 'PasswordException' ? 'encrypted' : name === 'InvalidPDFException' ? 'not-pdf' : 'damaged');
  }
  try {
    const pages: PdfPage[] = [];
    for (let index = 0; index < document.numPages; index += 1) {
      const page = await document.getPage(index + 1);
      const [, , width, height] = page.view;
      const content = await page.getTextContent();
      const runs = content.items.flatMap((item) =>
        'str' in item
          ? [{ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width, size: Math.hypot(item.transform[2] as number, item.transform[3] as number) }]
          : [],
      );
      pages.push({ index, width: width ?? 612, height: height ?? 792, runs });
      page.cleanup();
    }
    const info = (await document.getMetadata().catch(() => undefined))?.info as Record<string, unknown> | undefined;
    const labels = await document.getPageLabels().catch(() => null);
    return await layOut(pages, labels, info ?? {});
  } catch {
    // A page pdf.js cannot read (broken streams, bad fonts): the file is damaged, not the program.
    return err('damaged');
  } finally {
    await task.destroy();
  }
}

async function layOut(pages: readonly PdfPage[], pdfLabels: string[] | null, info: Record<string, unknown>): Promise<Result<ParsedSource, PdfProblem>> {
  const lines = pages.map(pageLines);
  const characters = lines.map((pageLines) => pageLines.reduce((sum, line) => sum + line.text.replace(/\s+/g, '').length, 0));
  const pagesWithText = characters.filter((count) => count >= MIN_PAGE_CHARACTERS).length;
  if (pagesWithText === 0 || pagesWithText < pages.length / 2) return err('no-text');
  if (extractionNoise(lines.flat().map((line) => line.text).join(' ')) > 0.3) return err('noise');

  const furniture = findFurniture(lines, (page) => pages[page]?.height ?? 792, bodySize(lines.flat()));
  const labels = pageLabels(pages.length, pdfLabels, furniture.folios);
  const ordered: Line[][] = lines.map((pageLines, index) =>
    readingOrder(pageLines.filter((line) => !furniture.dropped.has(line)), pages[index]?.width ?? 612),
  );
  const isWord = await wordChecker(ordered.flat().map((line) => line.text));
  const builder = new StoredTextBuilder();
  for (const block of paragraphBlocks(ordered, labels, isWord)) builder.add(block.text, block.kind, block.pages);
  const metadata = pdfMetadata(info);
  return ok(builder.finish(metadata));
}

/** The document information dictionary: Title, Author (people separated by ";" or ","+"and"), nothing invented. */
function pdfMetadata(info: Record<string, unknown>): DocumentMetadata {
  const text = (key: string) => {
    const value = info[key];
    return typeof value === 'string' && value.trim() !== '' ? value.replace(/\s+/g, ' ').trim().slice(0, 500) : undefined;
  };
  const title = text('Title');
  const author = text('Author');
  const authors = author?.split(/\s*(?:;|\band\b|&)\s*/).filter(Boolean);
  return { ...(title ? { title } : {}), ...(authors?.length ? { authors } : {}) };
}
