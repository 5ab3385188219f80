import { lineSpans } from './attribution.js';
import type { Paragraph, ParsedSource, Span } from './document.js';

const NO_MARKER = /^[ \t]*/;
const HEADING_MAX = 80;
const SENTENCE_END = /[.!?…:;,"“”'’)\]]$/u;

/**
 * Plain text is stored as written. Paragraphs are separated by blank lines; a file
 * with no blank lines at all has one paragraph per line. A short line that does not
 * end like a sentence is read as a heading.
 */
export function parsePlainText(text: string): ParsedSource {
  const blocks = splitBlocks(text);
  const paragraphs: Paragraph[] = [];
  let section: string | null = null;
  let title: string | undefined;
  blocks.forEach((block, index) => {
    const content = text.slice(block.start, block.end);
    const isLast = index === blocks.length - 1;
    if (!isLast && !/[\r\n]/.test(content) && content.length <= HEADING_MAX && !SENTENCE_END.test(content)) {
      if (index === 0) title = content;
      else section = content;
      return;
    }
    paragraphs.push({ number: paragraphs.length + 1, section, span: block, attribution: [] });
  });
  return { text, metadata: title ? { title } : {}, paragraphs };
}

function splitBlocks(text: string): Span[] {
  const whole = { start: 0, end: text.length };
  const hasBlankLine = /\n[ \t]*\r?\n/.test(text.replace(/\r\n?/g, '\n'));
  if (!hasBlankLine) return lineSpans(text, whole, NO_MARKER);
  const blocks: Span[] = [];
  const separator = /(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r(?!\n)|\n)(?:[ \t]*(?:\r\n|\r(?!\n)|\n))*/g;
  let start = 0;
  for (const match of text.matchAll(separator)) {
    pushTrimmed(text, start, match.index, blocks);
    start = match.index + match[0].length;
  }
  pushTrimmed(text, start, text.length, blocks);
  return blocks;
}

function pushTrimmed(text: string, start: number, end: number, into: Span[]): void {
  const slice = text.slice(start, end);
  const lead = slice.length - slice.trimStart().length;
  const trimmed = slice.trim();
  if (trimmed.length > 0) into.push({ start: start + lead, end: start + lead + trimmed.length });
}
