import type { Chunk, Paragraph, Span } from './document.js';
import { sentenceSpans } from './sentences.js';

export interface ChunkingOptions {
  /** Most tokens of paragraph text the model reads at once (its window minus special tokens and instructions). */
  readonly maxTokens: number;
  /** Tokens the model's tokenizer makes of `text`, without special tokens. */
  readonly countTokens: (text: string) => number;
}

/**
 * A paragraph that fits the model's window is one chunk. A longer one is cut at
 * sentence boundaries into parts that fit (a single overlong sentence at word
 * boundaries), so no text is silently truncated away by the embedder; every part
 * keeps the paragraph's number.
 */
export function chunkParagraphs(
  docId: string,
  text: string,
  paragraphs: readonly Paragraph[],
  options: ChunkingOptions,
): Chunk[] {
  return paragraphs.flatMap((paragraph) => {
    const pieces = splitToFit(text, paragraph.span, options);
    return pieces.map((span, index) => ({
      docId,
      paragraph: paragraph.number,
      part: index + 1,
      parts: pieces.length,
      span,
    }));
  });
}

function splitToFit(text: string, span: Span, options: ChunkingOptions): Span[] {
  if (options.countTokens(text.slice(span.start, span.end)) <= options.maxTokens) return [span];
  const units = sentenceSpans(text, span).flatMap((sentence) =>
    options.countTokens(text.slice(sentence.start, sentence.end)) <= options.maxTokens
      ? [sentence]
      : wordRuns(text, sentence, options),
  );
  return packConsecutive(text, units, options);
}

/** Greedily joins neighbouring units while the joined text still fits. */
function packConsecutive(text: string, units: readonly Span[], options: ChunkingOptions): Span[] {
  const packed: Span[] = [];
  let current: Span | undefined;
  let currentTokens = 0;
  for (const unit of units) {
    const tokens = options.countTokens(text.slice(unit.start, unit.end));
    if (current && currentTokens + tokens <= options.maxTokens) {
      current = { start: current.start, end: unit.end };
      currentTokens += tokens;
    } else {
      if (current) packed.push(current);
      current = unit;
      currentTokens = tokens;
    }
  }
  if (current) packed.push(current);
  return packed;
}

/** Splits an overlong sentence between words, never inside one. */
function wordRuns(text: string, span: Span, options: ChunkingOptions): Span[] {
  const words = [...text.slice(span.start, span.end).matchAll(/\S+/g)].map((match) => ({
    start: span.start + match.index,
    end: span.start + match.index + match[0].length,
  }));
  return packConsecutive(text, words, options);
}
