import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMarkdown } from '../../../src/corpus/markdown.js';
import { ESSAYS_DIR } from '../paths.js';

/** An essay as blocks a document writer lays out: what every generated fixture is made from. */
export type EssayBlock =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly attribution: readonly string[] };

export interface Essay {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly EssayBlock[];
  /** The paragraphs as the Markdown source has them: what every format must give back. */
  readonly paragraphs: readonly { readonly text: string; readonly section: string | null; readonly attribution: readonly string[] }[];
}

export const ESSAY_IDS = ['trump-putin-call', 'putin-witkoff-meeting'] as const;

export function readEssay(id: string): Essay {
  const source = readFileSync(path.join(ESSAYS_DIR, `${id}.md`), 'utf8');
  const parsed = parseMarkdown(source);
  const blocks: EssayBlock[] = [];
  const paragraphs: Essay['paragraphs'][number][] = [];
  let section: string | null = null;
  for (const paragraph of parsed.paragraphs) {
    if (paragraph.section !== section && paragraph.section !== null) blocks.push({ kind: 'heading', text: paragraph.section });
    section = paragraph.section;
    const text = source.slice(paragraph.span.start, paragraph.span.end).replace(/\s+/g, ' ');
    const attribution = paragraph.attribution.map((line) => source.slice(line.start, line.end));
    blocks.push({ kind: 'paragraph', text, attribution });
    paragraphs.push({ text, section, attribution });
  }
  return { id, title: parsed.metadata.title ?? id, blocks, paragraphs };
}

/** Whitespace aside: what "word for word" compares. */
export function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
