/** A run of text as the PDF places it: baseline origin in points, y growing upwards. */
export interface TextRun {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly size: number;
}

export interface PdfPage {
  /** 0-based position in the file. */
  readonly index: number;
  readonly width: number;
  readonly height: number;
  readonly runs: readonly TextRun[];
}

/** One line of text on a page: runs on a shared baseline with no column gap between them. */
export interface Line {
  readonly page: number;
  text: string;
  readonly x0: number;
  x1: number;
  readonly y: number;
  /** The size most of the line's characters are set in. */
  readonly size: number;
}

/** Runs further apart than this many font sizes are in different columns. */
const COLUMN_GAP = 1.5;
/** Runs at least this much smaller than their line and raised above it are note markers (¹, *). */
const MARKER_SIZE = 0.8;

/**
 * Groups a page's runs into lines, top to bottom, splitting a baseline where a
 * column gutter runs through it, and dropping raised note markers.
 */
export function pageLines(page: PdfPage): Line[] {
  const runs = page.runs.filter((run) => run.text.trim() !== '' && run.size > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: TextRun[][] = [];
  for (const run of runs) {
    const row = rows.at(-1);
    const base = row?.[0];
    if (row && base && Math.abs(base.y - run.y) <= 0.6 * Math.max(base.size, run.size)) row.push(run);
    else rows.push([run]);
  }
  return rows.flatMap((row) => splitRow(page.index, row));
}

function splitRow(page: number, row: TextRun[]): Line[] {
  const fragments: TextRun[][] = [];
  let last: TextRun | undefined;
  for (const run of [...row].sort((a, b) => a.x - b.x)) {
    const fragment = fragments.at(-1);
    if (fragment && last && run.x - (last.x + last.width) <= COLUMN_GAP * Math.max(last.size, run.size)) fragment.push(run);
    else fragments.push([run]);
    last = run;
  }
  return fragments.flatMap((fragment) => {
    const line = joinRuns(page, fragment);
    return line ? [line] : [];
  });
}

function joinRuns(page: number, runs: readonly TextRun[]): Line | undefined {
  const size = dominantSize(runs);
  const lowest = Math.min(...runs.filter((run) => run.size >= size * MARKER_SIZE).map((run) => run.y));
  const kept = runs.filter((run) => !(run.size < size * MARKER_SIZE && run.y > lowest + 0.15 * size && /^[\d*†‡§¹²³⁴-⁹\s,]+$/u.test(run.text)));
  const first = kept[0];
  if (!first) return undefined;
  const line: Line = { page, text: first.text, x0: first.x, x1: first.x + first.width, y: first.y, size };
  for (const run of kept.slice(1)) {
    const gap = run.x - line.x1;
    const needsSpace = gap > 0.15 * size && !/\s$/.test(line.text) && !/^\s/.test(run.text);
    line.text += (needsSpace ? ' ' : '') + run.text;
    line.x1 = Math.max(line.x1, run.x + run.width);
  }
  line.text = line.text.replace(/\s+/g, ' ').trim();
  return line.text === '' ? undefined : line;
}

function dominantSize(runs: readonly TextRun[]): number {
  const weight = new Map<number, number>();
  for (const run of runs) {
    const key = Math.round(run.size * 2) / 2;
    weight.set(key, (weight.get(key) ?? 0) + run.text.length);
  }
  return [...weight.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

/** The size most of the document's characters are set in: its body text. */
export function bodySize(lines: readonly Line[]): number {
  const weight = new Map<number, number>();
  for (const line of lines) weight.set(line.size, (weight.get(line.size) ?? 0) + line.text.length);
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/**
 * Reading order within a page: where a gutter runs between lines (no line crosses
 * it, lines on both sides), the left column is read before the right one. A line
 * that crosses the gutter (a heading over both columns) starts a new band.
 */
export function readingOrder(lines: readonly Line[], pageWidth: number): Line[] {
  const gutter = findGutter(lines, pageWidth);
  if (gutter === undefined) return [...lines];
  const ordered: Line[] = [];
  let band: Line[] = [];
  const flushBand = () => {
    ordered.push(...band.filter((line) => line.x1 <= gutter), ...band.filter((line) => line.x0 >= gutter));
    band = [];
  };
  for (const line of lines) {
    if (line.x0 < gutter && line.x1 > gutter) {
      flushBand();
      ordered.push(line);
    } else band.push(line);
  }
  flushBand();
  return ordered;
}

const MIN_COLUMN_LINES = 3;

function findGutter(lines: readonly Line[], pageWidth: number): number | undefined {
  const candidates = lines.map((line) => line.x1 + 1).filter((x) => x > pageWidth * 0.25 && x < pageWidth * 0.75);
  let best: { x: number; balance: number } | undefined;
  for (const x of candidates) {
    let left = 0;
    let right = 0;
    let crossing = 0;
    for (const line of lines) {
      if (line.x1 <= x) left += 1;
      else if (line.x0 >= x) right += 1;
      else crossing += 1;
    }
    // A few crossing lines (headings over both columns) are allowed, not a page of them.
    if (left < MIN_COLUMN_LINES || right < MIN_COLUMN_LINES || crossing > Math.min(left, right) / 4) continue;
    const balance = Math.min(left, right);
    if (!best || balance > best.balance) best = { x, balance };
  }
  return best?.x;
}
