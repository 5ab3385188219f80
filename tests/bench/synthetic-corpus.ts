// A corpus of any size made from the essays' own sentences, so paragraphs have
// real vocabulary, real sentence lengths and real tokenizer behaviour. Documents
// are Markdown files built in memory and ingested by the production parser.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceDocument } from '../../src/corpus/document.js';
import { ingestDocument } from '../../src/corpus/ingest.js';
import { sentenceSpans } from '../../src/corpus/sentences.js';
import { ESSAYS_DIR } from '../tools/corpus.js';
import { mulberry32 } from '../tools/seeded-random.js';

export const PARAGRAPHS_PER_DOCUMENT = 100;
const SEED = 20260101;
// Once the short combinations are used up, redrawing a longer length takes a few tries.
const MAX_DRAWS = 10_000;

/** The essays as the indexer sees them. */
export function essayDocuments(essaysDir = ESSAYS_DIR): SourceDocument[] {
  return readdirSync(essaysDir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const ingested = ingestDocument(name, readFileSync(join(essaysDir, name)));
      if (!ingested.ok) throw new Error(`${name}: ${ingested.error.message}`);
      return ingested.value;
    });
}

export function paragraphTexts(documents: readonly SourceDocument[]): string[] {
  return documents.flatMap((document) => document.paragraphs.map(({ span }) => document.text.slice(span.start, span.end)));
}

export function essaySentences(documents: readonly SourceDocument[]): string[] {
  return documents.flatMap((document) =>
    document.paragraphs.flatMap(({ span }) => sentenceSpans(document.text, span).map((s) => document.text.slice(s.start, s.end))),
  );
}

/**
 * `paragraphs` paragraphs in documents of PARAGRAPHS_PER_DOCUMENT, each paragraph
 * as many sentences as a paragraph of the essays picked at random has (so lengths
 * follow the essays' own distribution), drawn uniformly with replacement from all
 * essay sentences by a seeded PRNG: the same size always gives the same corpus.
 * No two paragraphs hold the same sentences: drawn freely, 60% of 10^5 paragraphs
 * were copies (up to 232 of one), which no real corpus has and which broke HNSW
 * recall (0.73 at ef 150) by making hundreds of identical vectors.
 */
export function syntheticCorpus(paragraphs: number, essaysDir = ESSAYS_DIR): SourceDocument[] {
  const essays = essayDocuments(essaysDir);
  const sentences = essaySentences(essays);
  const sentencesPerParagraph = essays.flatMap((document) => document.paragraphs.map(({ span }) => sentenceSpans(document.text, span).length));
  const random = mulberry32(SEED);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const used = new Set<string>();
  const uniqueParagraph = (): string => {
    for (let attempt = 0; attempt < MAX_DRAWS; attempt++) {
      const picked = Array.from({ length: pick(sentencesPerParagraph) }, () => Math.floor(random() * sentences.length));
      // Order-insensitive, because a bag-of-words model gives reordered sentences the same vector.
      const key = [...picked].sort((a, b) => a - b).join(',');
      if (used.has(key)) continue;
      used.add(key);
      return picked.map((index) => sentences[index]!).join(' ');
    }
    throw new Error(`no unused sentence combination after ${MAX_DRAWS} draws`);
  };
  const documents: SourceDocument[] = [];
  for (let first = 0; first < paragraphs; first += PARAGRAPHS_PER_DOCUMENT) {
    const count = Math.min(PARAGRAPHS_PER_DOCUMENT, paragraphs - first);
    const body = Array.from({ length: count }, uniqueParagraph);
    const number = String(documents.length + 1).padStart(5, '0');
    const markdown = `---\ntitle: "Synthetic essay ${number}"\n---\n\n${body.join('\n\n')}\n`;
    const ingested = ingestDocument(`synthetic-${number}.md`, new TextEncoder().encode(markdown));
    if (!ingested.ok) throw new Error(`synthetic document ${number}: ${ingested.error.message}`);
    if (ingested.value.paragraphs.length !== count) throw new Error(`synthetic document ${number} parsed into the wrong paragraph count`);
    documents.push(ingested.value);
  }
  return documents;
}

export interface LengthStats {
  readonly paragraphs: number;
  readonly meanChars: number;
  readonly p10Chars: number;
  readonly p50Chars: number;
  readonly p90Chars: number;
}

export function lengthStats(texts: readonly string[]): LengthStats {
  const lengths = texts.map((text) => text.length).sort((a, b) => a - b);
  const at = (q: number) => lengths[Math.min(lengths.length - 1, Math.floor(q * lengths.length))] ?? 0;
  const mean = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, lengths.length);
  return { paragraphs: lengths.length, meanChars: Math.round(mean), p10Chars: at(0.1), p50Chars: at(0.5), p90Chars: at(0.9) };
}
