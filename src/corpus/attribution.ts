import type { Span } from './document.js';

const DASH_START = /^[—–―~-]\s*\S/u;
const SENTENCE_END = /[.!?…:;"“”'’]$/u;
const MAX_ATTRIBUTION_LINE = 160;
const MAX_ATTRIBUTION_LINES = 3;

/**
 * A credit line under a quotation ("Thomas Graham" / "Former senior director …"):
 * short lines that do not end like a sentence, or a line opening with a dash.
 */
export function looksLikeAttribution(lines: readonly string[]): boolean {
  if (lines.length === 0 || lines.length > MAX_ATTRIBUTION_LINES) return false;
  if (lines.length === 1 && DASH_START.test(lines[0] ?? '')) return true;
  return lines.every((line) => line.length > 0 && line.length <= MAX_ATTRIBUTION_LINE && !SENTENCE_END.test(line));
}

/**
 * The same for credit lines a narrow column has wrapped (a PDF's lines are where the
 * typesetter broke them): short in total, and no line ends like a sentence.
 */
export function looksLikeWrappedAttribution(lines: readonly string[]): boolean {
  if (looksLikeAttribution(lines)) return true;
  const total = lines.reduce((sum, line) => sum + line.length + 1, 0);
  return lines.length > 0 && total <= MAX_ATTRIBUTION_LINE * 2 && lines.every((line) => !SENTENCE_END.test(line));
}

/** Splits a span into its non-empty lines, dropping block-quote markers and surrounding blanks. */
export function lineSpans(text: string, span: Span, marker: RegExp = /^[ \t]*(?:>[ \t]?)*/): Span[] {
  const body = text.slice(span.start, span.end);
  const lines: Span[] = [];
  const pushLine = (from: number, to: number) => {
    const raw = body.slice(from, to);
    const lead = marker.exec(raw)?.[0].length ?? 0;
    const content = raw.slice(lead).replace(/\s+$/u, '');
    if (content.length > 0) lines.push({ start: span.start + from + lead, end: span.start + from + lead + content.length });
  };
  let lineStart = 0;
  for (const lineBreak of body.matchAll(/\r\n|\r|\n/g)) {
    pushLine(lineStart, lineBreak.index);
    lineStart = lineBreak.index + lineBreak[0].length;
  }
  pushLine(lineStart, body.length);
  return lines;
}
