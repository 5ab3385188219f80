import { deflateSync, crc32 } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { Essay } from './essay-model.js';

export interface PdfFixtureOptions {
  /** The printed number of the first page (a journal article starting on p. 12). */
  readonly firstFolio?: number;
  /** Which page (0-based) is set in two columns. */
  readonly twoColumnPage?: number;
  readonly info?: { readonly Title?: string; readonly Author?: string };
  readonly userPassword?: string;
  readonly runningHead?: string;
  /** A footnote on the first page, with its marker after the first paragraph. */
  readonly footnote?: string;
}

export interface PdfFixture {
  readonly bytes: Buffer;
  /** The printed page number(s) each essay paragraph was set on, "12" or "12–13". */
  readonly pagesOfParagraph: readonly { first: string; last: string }[];
  /** Words split at a line end: as printed ("negoti-|ations") and as written ("negotiations"). */
  readonly hyphenated: readonly { readonly printed: string; readonly word: string }[];
}

const PAGE = { width: 612, height: 792, top: 90, bottom: 720, left: 72, right: 540 };
const BODY = { font: 'Helvetica', size: 11, pitch: 14, gap: 8 };

/**
 * Lays an essay out as a typeset PDF with pdfkit, line by line, so the test knows
 * what the reader has to undo: a running head and a folio on every page, one page
 * in two columns, paragraphs that run across page breaks, a word hyphenated at a
 * line end (and a compound broken at its own hyphen), an indented quotation with
 * credit lines, and a footnote.
 */
export async function essayPdf(essay: Essay, options: PdfFixtureOptions = {}): Promise<PdfFixture> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 0,
    autoFirstPage: false,
    info: { ...(options.info ?? {}) },
    ...(options.userPassword ? { userPassword: options.userPassword, ownerPassword: `${options.userPassword}-owner` } : {}),
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const firstFolio = options.firstFolio ?? 1;
  const twoColumnPage = options.twoColumnPage ?? 1;
  let pageIndex = -1;
  let column = 0;
  let y = 0;
  const columnBox = () => {
    if (pageIndex !== twoColumnPage) return { left: PAGE.left, right: PAGE.right };
    const half = (PAGE.right - PAGE.left - 24) / 2;
    return column === 0 ? { left: PAGE.left, right: PAGE.left + half } : { left: PAGE.right - half, right: PAGE.right };
  };
  let font = { name: BODY.font, size: BODY.size };
  const setFont = (name: string, size: number) => {
    font = { name, size };
    doc.font(name).fontSize(size);
  };
  const newPage = () => {
    doc.addPage();
    pageIndex += 1;
    column = 0;
    y = PAGE.top;
    doc.font('Helvetica').fontSize(9).fillColor('black');
    if (pageIndex > 0 && options.runningHead) doc.text(options.runningHead, PAGE.left, 40, { lineBreak: false });
    const folio = String(firstFolio + pageIndex);
    doc.text(folio, (PAGE.width - doc.widthOfString(folio)) / 2, 750, { lineBreak: false });
    doc.font(font.name).fontSize(font.size);
  };
  const nextLine = (pitch: number) => {
    if (y + pitch <= PAGE.bottom) return;
    if (pageIndex === twoColumnPage && column === 0) {
      column = 1;
      y = PAGE.top;
    } else newPage();
  };
  const folio = () => String(firstFolio + pageIndex);

  newPage();
  setFont('Helvetica-Bold', 20);
  for (const line of wrap(essay.title, PAGE.right - PAGE.left, (text) => doc.widthOfString(text))) {
    doc.text(line, PAGE.left, y, { lineBreak: false });
    y += 24;
  }
  y += 12;

  const pagesOfParagraph: { first: string; last: string }[] = [];
  const hyphenated: { printed: string; word: string }[] = [];
  let paragraphIndex = 0;
  let brokeWord = false;
  let brokeCompound = false;
  for (const block of essay.blocks) {
    if (block.kind === 'heading') {
      y += 10;
      nextLine(40);
      setFont('Helvetica-Bold', 14);
      doc.text(block.text, columnBox().left, y, { lineBreak: false });
      y += 18 + BODY.gap;
      continue;
    }
    const quote = block.attribution.length > 0;
    const indent = quote ? 36 : 0;
    setFont(quote ? 'Helvetica-Oblique' : BODY.font, BODY.size);
    nextLine(BODY.pitch);
    const first = folio();
    const breakAt = !brokeWord && paragraphIndex >= 1 ? block.text.split(' ').find((word) => /^[a-z]{10,}$/.test(word)) : undefined;
    const compound = !brokeCompound && !breakAt ? block.text.split(' ').find((word) => /^[A-Za-z]+-[a-z]{4,}$/.test(word)) : undefined;
    const split = (word: string): [string, string] | undefined => {
      if (word === breakAt) {
        brokeWord = true;
        hyphenated.push({ printed: `${word.slice(0, 6)}-|${word.slice(6)}`, word });
        return [`${word.slice(0, 6)}-`, word.slice(6)];
      }
      if (word === compound) {
        brokeCompound = true;
        const at = word.indexOf('-') + 1;
        hyphenated.push({ printed: `${word.slice(0, at)}|${word.slice(at)}`, word });
        return [word.slice(0, at), word.slice(at)];
      }
      return undefined;
    };
    // Line by line, so a paragraph that moves into a narrower column is set to that column's width.
    let rest = block.text.split(' ');
    let lineCount = 0;
    while (rest.length > 0) {
      if (lineCount > 0) nextLine(BODY.pitch);
      const box = columnBox();
      const { line, remaining } = fillLine(rest, box.right - box.left - 2 * indent, (text) => doc.widthOfString(text), split);
      doc.text(line, box.left + indent, y, { lineBreak: false });
      if (paragraphIndex === 0 && remaining.length === 0 && options.footnote) {
        const end = box.left + indent + doc.widthOfString(line);
        doc.fontSize(7).text('1', end + 1, y - 3, { lineBreak: false }).fontSize(BODY.size);
        doc.fontSize(8).text(`1 ${options.footnote}`, PAGE.left, PAGE.bottom + 4, { lineBreak: false }).fontSize(BODY.size);
      }
      y += BODY.pitch;
      lineCount += 1;
      rest = remaining;
    }
    if (quote) {
      y += BODY.gap;
      setFont(BODY.font, BODY.size);
      for (const credit of block.attribution) {
        let rest = credit.split(' ');
        while (rest.length > 0) {
          nextLine(BODY.pitch);
          const box = columnBox();
          const { line, remaining } = fillLine(rest, box.right - box.left - 2 * indent, (text) => doc.widthOfString(text), () => undefined);
          doc.text(line, box.left + indent, y, { lineBreak: false });
          y += BODY.pitch;
          rest = remaining;
        }
      }
    }
    pagesOfParagraph.push({ first, last: folio() });
    paragraphIndex += 1;
    y += BODY.gap;
  }
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), pagesOfParagraph, hyphenated };
}

/** One line's worth of words (greedy); `breakWord` may split a word, its head ending this line. */
function fillLine(
  words: readonly string[],
  width: number,
  measure: (text: string) => number,
  breakWord: (word: string) => [string, string] | undefined,
): { line: string; remaining: string[] } {
  let line = '';
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    const split = breakWord(word);
    if (split) return { line: line ? `${line} ${split[0]}` : split[0], remaining: [split[1], ...words.slice(i + 1)] };
    const candidate = line ? `${line} ${word}` : word;
    if (line !== '' && measure(candidate) > width) return { line, remaining: words.slice(i) };
    line = candidate;
  }
  return { line, remaining: [] };
}

/**
 * Greedy line breaking at spaces. `breakWord` may split a word across the line end
 * (head on this line, tail starting the next) to force a hyphenated break.
 */
function wrap(text: string, width: number, measure: (text: string) => number, breakWord?: (word: string) => [string, string] | undefined): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const split = breakWord?.(word);
    if (split) {
      lines.push(line ? `${line} ${split[0]}` : split[0]);
      line = split[1];
      continue;
    }
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= width || line === '') line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A PDF with pages that are only pictures: what a scanner without OCR makes. */
export async function scannedPdf(pages = 2): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margin: 0, autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (let page = 0; page < pages; page += 1) {
    doc.addPage();
    doc.image(greyPng(400, 500, page), 72, 72, { width: 468 });
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** A PDF whose page text is symbols: what fonts without a Unicode mapping extract as. */
export async function garbledPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margin: 72 });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const noise = '!"#$%&()*+,-./:;<=>?@[]^_{|}~';
  for (let line = 0; line < 30; line += 1) {
    doc.text(Array.from({ length: 60 }, (_, i) => noise[(i * 7 + line * 3) % noise.length]).join(''), { lineBreak: false });
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** A greyscale PNG with stripes, encoded by hand (signature, IHDR, IDAT, IEND). */
function greyPng(width: number, height: number, seed: number): Buffer {
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) rows[y * (width + 1) + 1 + x] = ((x >> 3) + (y >> 4) + seed) % 2 === 0 ? 230 : 40;
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
