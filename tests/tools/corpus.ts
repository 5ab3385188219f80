// The essays the test model's vocabulary and IDF weights are derived from. They
// are named, not globbed, so a maintainer adding a document to the corpus does not
// change the committed fixture (tests pin it byte for byte).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ESSAYS_DIR = join(import.meta.dirname, '../../docs/essays');

const FRONT_MATTER = /^---\r?\n[\s\S]*?\r?\n---\r?\n/;

// Paragraphs are the retrieval unit, so they are also the "documents" for IDF.
export function essayParagraphs(markdown: string): string[] {
  return markdown
    .replace(FRONT_MATTER, '')
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}

export const FIXTURE_ESSAYS = ['putin-witkoff-meeting.md', 'trump-putin-call.md'] as const;

export function readCorpusParagraphs(essaysDir = ESSAYS_DIR): string[] {
  return FIXTURE_ESSAYS.flatMap((name) => essayParagraphs(readFileSync(join(essaysDir, name), 'utf8')));
}
