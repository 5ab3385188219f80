import type { Line } from './pdf-lines.js';

/** Running heads and folios sit in the top or bottom eighth of a page. */
const MARGIN_SHARE = 0.125;
const FOLIO = /^(?:page\s+)?[-–—\s]*(\d{1,5}|[ivxlcdm]{1,8})(?:\s+of\s+\d+)?[-–—\s]*$/i;

export interface PageFurniture {
  /** Lines that are page furniture, to be dropped from the text. */
  readonly dropped: ReadonlySet<Line>;
  /** The printed page number found on each page (by page index), when there is one. */
  readonly folios: ReadonlyMap<number, string>;
}

/**
 * Finds what a reader does not read as text: page numbers; running heads or feet —
 * lines in the page margins whose text (digits aside) repeats on at least half the
 * pages; and, since a short document repeats little, a line at the top of a page
 * set smaller than the body and standing well clear of it.
 */
export function findFurniture(pages: readonly (readonly Line[])[], pageHeight: (page: number) => number, bodySize: number): PageFurniture {
  const dropped = new Set<Line>();
  const folios = new Map<number, string>();
  const marginLines = pages.map((lines) =>
    lines.filter((line) => {
      const height = pageHeight(line.page);
      return line.y > height * (1 - MARGIN_SHARE) || line.y < height * MARGIN_SHARE;
    }),
  );
  const seenOn = new Map<string, Set<number>>();
  marginLines.forEach((lines, page) => {
    for (const line of lines) {
      const folio = FOLIO.exec(line.text);
      if (folio?.[1]) {
        dropped.add(line);
        if (!folios.has(page)) folios.set(page, folio[1]);
        continue;
      }
      const key = repeatKey(line.text);
      if (!seenOn.has(key)) seenOn.set(key, new Set());
      seenOn.get(key)!.add(page);
    }
  });
  pages.forEach((lines) => {
    const [top, next] = lines;
    if (top && next && marginLines[top.page]?.includes(top) && top.y > next.y && top.size < bodySize && top.y - next.y > 2.5 * bodySize) dropped.add(top);
  });
  const pagesWithText = pages.filter((lines) => lines.length > 0).length;
  const threshold = Math.max(2, Math.ceil(pagesWithText / 2));
  marginLines.forEach((lines) => {
    for (const line of lines) {
      if (dropped.has(line)) continue;
      if ((seenOn.get(repeatKey(line.text))?.size ?? 0) >= threshold) {
        dropped.add(line);
        const folio = /(?:^|\s)(\d{1,5})$|^(\d{1,5})(?:\s|$)/.exec(line.text);
        const number = folio?.[1] ?? folio?.[2];
        if (number && !folios.has(line.page)) folios.set(line.page, number);
      }
    }
  });
  return { dropped, folios };
}

function repeatKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** Longer than this, a "page label" is not one a reader would cite ("xiv", "A-12", "12"). */
const MAX_LABEL_LENGTH = 16;

/**
 * The label each page is cited by: the PDF's own page labels when it has them (and
 * they read like labels: short, no control characters); otherwise the printed
 * folios, when they agree with the page order (a journal article printed as
 * pp. 233–250); otherwise the page's position, from 1.
 */
export function pageLabels(pageCount: number, pdfLabels: readonly string[] | null, folios: ReadonlyMap<number, string>): string[] {
  const own = pdfLabels?.map((label) => label.replace(/\s+/g, ' ').trim());
  if (own && own.length === pageCount && own.every((label) => label !== '' && label.length <= MAX_LABEL_LENGTH && !/[\p{Cc}\p{Cf}]/u.test(label))) return own;
  const offsets = new Map<number, number>();
  for (const [page, folio] of folios) {
    if (!/^\d+$/.test(folio)) continue;
    const offset = Number(folio) - page;
    offsets.set(offset, (offsets.get(offset) ?? 0) + 1);
  }
  const [offset, votes] = [...offsets.entries()].sort((a, b) => b[1] - a[1])[0] ?? [1, 0];
  const agreed = votes >= 2 || (votes === 1 && folios.size === 1);
  return Array.from({ length: pageCount }, (_, page) => String(page + (agreed ? offset : 1)));
}
