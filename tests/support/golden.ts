import path from 'node:path';
import type { SourceDocument } from '../../src/corpus/document.js';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { type GoldenQuestion, readGoldenSet } from '../../src/eval/golden.js';
import { ESSAYS_DIR, REPO_ROOT } from './paths.js';

/** The committed golden set and the essays it is about, as `npm run cli -- eval` reads them. */
export async function readGoldenFixtures(): Promise<{ questions: GoldenQuestion[]; corpus: readonly SourceDocument[] }> {
  const questions = await readGoldenSet(path.join(REPO_ROOT, 'eval/golden.jsonl'));
  const read = await readCorpus(ESSAYS_DIR, { maxDocumentBytes: 1_000_000 });
  if (!read.ok) throw new Error(read.error.message);
  return { questions, corpus: read.value.documents };
}
