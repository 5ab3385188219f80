import { looksLikeWrappedAttribution } from '../attribution.js';
import type { PageRange } from '../document.js';
import type { BlockKind } from '../stored-text.js';
import type { Line } from './pdf-lines.js';

export interface PdfBlock {
  readonly kind: BlockKind;
  readonly text: string;
  readonly pages: PageRange;
}

type LineKind = 'heading' | 'body' | 'quote' | 'note';

interface Group {
  kind: LineKind;
  lines: Line[];
}

/** Text this much larger than the body is a heading; this much smaller, below the body, a footnote. */
const HEADING_RATIO = 1.15;
const NOTE_RATIO = 0.9;

/**
 * Rebuilds paragraphs from lines in reading order. A paragraph ends at a gap wider
 * than the usual line pitch, a change of size or indentation, or a column or page
 * break after a short line; otherwise it runs on across the break. Lines are joined
 * with a space; a line-end hyphen is removed only where `isWord` accepts the joined
 * word. Indented lines are a quotation, whose trailing credit lines become its
 * attribution; small lines under the body are footnotes, kept apart.
 */
export function paragraphBlocks(
  pages: readonly (readonly Line[])[],
  labels: readonly string[],
  isWord: (word: string) => boolean,
): PdfBlock[] {
  const all = pages.flat();
  const body = bodySizeOf(all);
  const pitch = linePitch(pages, body);
  const groups: Group[] = [];
  for (const lines of pages) {
    const edges = columnEdges(lines, body);
    const lowestBody = Math.min(...lines.filter((line) => line.size >= body * NOTE_RATIO).map((line) => line.y));
    let previous: Line | undefined;
    for (const line of lines) {
      const kind = lineKind(line, body, lowestBody, edges);
      // Footnotes at the foot of a page do not interrupt a paragraph that runs on to the next.
      const group = kind === 'note' ? groups.at(-1) : groups.findLast((candidate) => candidate.kind !== 'note');
      if (group && continues(group, previous ?? group.lines.at(-1)!, line, kind, { body, pitch, edges, samePage: previous !== undefined })) {
        group.lines.push(line);
      } else {
        groups.push({ kind, lines: [line] });
      }
      previous = line;
    }
  }
  return toBlocks(groups, labels, isWord);
}

function bodySizeOf(lines: readonly Line[]): number {
  const weight = new Map<number, number>();
  for (const line of lines) weight.set(line.size, (weight.get(line.size) ?? 0) + line.text.length);
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** The usual distance between the baselines of consecutive body lines. */
function linePitch(pages: readonly (readonly Line[])[], body: number): number {
  const gaps = new Map<number, number>();
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i += 1) {
      const gap = Math.round((lines[i - 1]!.y - lines[i]!.y) * 2) / 2;
      if (gap > 0 && gap < body * 3 && lines[i]!.size === body) gaps.set(gap, (gaps.get(gap) ?? 0) + 1);
    }
  }
  return [...gaps.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? body * 1.2;
}

interface ColumnEdges {
  /** Left and right edges of the body text in each column of the page, by column start. */
  readonly columns: readonly { left: number; right: number }[];
}

function columnEdges(lines: readonly Line[], body: number): ColumnEdges {
  const bodyLines = lines.filter((line) => line.size === body);
  const columns: { left: number; right: number }[] = [];
  for (const line of [...bodyLines].sort((a, b) => a.x0 - b.x0)) {
    const column = columns.find((c) => line.x0 < c.right && line.x0 >= c.left - body);
    if (column) column.right = Math.max(column.right, line.x1);
    else columns.push({ left: line.x0, right: line.x1 });
  }
  return { columns };
}

function columnOf(line: Line, edges: ColumnEdges): { left: number; right: number } | undefined {
  return edges.columns.findLast((column) => line.x0 >= column.left - 1) ?? edges.columns[0];
}

function lineKind(line: Line, body: number, lowestBody: number, edges: ColumnEdges): LineKind {
  if (line.size >= body * HEADING_RATIO) return 'heading';
  if (line.size < body * NOTE_RATIO && line.y < lowestBody) return 'note';
  const column = columnOf(line, edges);
  return column && line.x0 > column.left + body * 1.5 ? 'quote' : 'body';
}

function continues(
  group: Group,
  previous: Line,
  line: Line,
  kind: LineKind,
  layout: { body: number; pitch: number; edges: ColumnEdges; samePage: boolean },
): boolean {
  if (group.kind !== kind) return false;
  if (kind === 'note') return !/^(?:\d{1,3}|[*†‡§])\s/.test(line.text);
  const sameColumn = layout.samePage && line.y < previous.y && Math.abs(line.x0 - previous.x0) < layout.body * 6;
  if (sameColumn) {
    if (kind === 'heading') return previous.y - line.y <= Math.max(line.size, previous.size) * 1.6;
    if (previous.y - line.y > layout.pitch * 1.35) return false;
    const column = columnOf(line, layout.edges);
    // A first-line indent opens a paragraph.
    return !(column && line.x0 > previous.x0 + layout.body * 0.8);
  }
  if (kind === 'heading') return false;
  // Across a column or page break, a paragraph runs on when the line before it ended
  // only because the next word would not fit; a line that stops short ends a paragraph.
  const before = columnOf(previous, layout.edges);
  const charWidth = (previous.x1 - previous.x0) / Math.max(1, previous.text.length);
  const nextWord = (line.text.split(' ')[0]?.length ?? 0) + 1;
  return before !== undefined && previous.x1 + nextWord * charWidth > before.right - layout.body * 0.25;
}

function toBlocks(groups: readonly Group[], labels: readonly string[], isWord: (word: string) => boolean): PdfBlock[] {
  const blocks: PdfBlock[] = [];
  for (let i = 0; i < groups.length; i += 1) {
    const group = groups[i]!;
    const pages = { first: labels[group.lines[0]!.page] ?? '', last: labels[group.lines.at(-1)!.page] ?? '' };
    const nextIsQuote = groups[i + 1]?.kind === 'quote';
    const previousIsQuote = groups[i - 1]?.kind === 'quote';
    const lineTexts = group.lines.map((line) => line.text);
    // The last group of a quotation, made of credit-like lines: each line is a credit.
    if (group.kind === 'quote' && previousIsQuote && !nextIsQuote && looksLikeWrappedAttribution(lineTexts)) {
      for (const text of lineTexts) blocks.push({ kind: 'credit', text, pages });
      continue;
    }
    const kind: BlockKind = group.kind === 'heading' ? 'heading' : group.kind === 'note' ? 'note' : 'paragraph';
    blocks.push({ kind, text: joinLines(lineTexts, isWord), pages });
  }
  return blocks;
}

/** Joins a paragraph's lines: a space between lines, except after a hyphen that split a word, or a closed-up dash. */
export function joinLines(lines: readonly string[], isWord: (word: string) => boolean): string {
  let text = lines[0] ?? '';
  for (const line of lines.slice(1)) {
    if (text.endsWith('\u00ad')) {
      text = text.slice(0, -1) + line;
      continue;
    }
    const split = /(\p{L}+)-$/u.exec(text);
    const next = /^(\p{Ll}+)/u.exec(line);
    if (split?.[1] && next?.[1] && isWord(`${split[1]}${next[1]}`.toLowerCase())) {
      text = text.slice(0, -1) + line;
    } else if (split || /\S[—/]$/u.test(text)) {
      text += line;
    } else {
      text += ` ${line}`;
    }
  }
  return text;
}
