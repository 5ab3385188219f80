import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import type { SourceDocument } from '../../src/corpus/document.js';
import { evaluate } from '../../src/eval/evaluate.js';
import { belowFloors, readFloors } from '../../src/eval/floors.js';
import { type GoldenQuestion, readGoldenSet } from '../../src/eval/golden.js';
import { openEngine } from '../../src/runtime/open-engine.js';
import { readCalibration } from '../../src/runtime/read-calibration.js';
import { buildFrom } from '../support/build-helpers.js';
import { ESSAYS_DIR, REPO_ROOT } from '../support/paths.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';

const tempDir = useTempDirs();
const logger = createLogger({ level: 'silent', pretty: false });
let questions: GoldenQuestion[];
let corpus: readonly SourceDocument[];

beforeAll(async () => {
  questions = await readGoldenSet(path.join(REPO_ROOT, 'eval/golden.jsonl'));
  const read = await readCorpus(ESSAYS_DIR, { maxDocumentBytes: 1_000_000 });
  if (!read.ok) throw new Error(read.error.message);
  corpus = read.value.documents;
});

async function reportFor(withModel: boolean) {
  const indexDir = path.join(await tempDir(), 'index');
  const embedder = await testEmbedder();
  await buildFrom(ESSAYS_DIR, indexDir, embedder);
  const calibration = await readCalibration(path.join(REPO_ROOT, 'eval/calibration.json'), logger);
  const opened = await openEngine(indexDir, { embedder: withModel ? embedder : null, calibration, logger });
  if (!opened.ok) throw new Error(opened.error.message);
  return evaluate(opened.value.engine, questions, corpus);
}

describe('the golden set', () => {
  it('GIVEN eval/golden.jsonl THEN it has 40+ questions, 8+ unanswerable, and every evidence text is verbatim in its paragraph', () => {
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(questions.filter((q) => q.kind === 'unanswerable').length).toBeGreaterThanOrEqual(8);
    const cited = new Set(questions.flatMap((q) => q.evidence.map((e) => `${e.doc}#p${e.paragraph}`)));
    const paragraphs = corpus.flatMap((document) => document.paragraphs.map((p) => `${document.id}#p${p.number}`));
    expect(paragraphs.filter((ref) => !cited.has(ref))).toEqual([]);
    const byId = new Map(corpus.map((document) => [document.id, document]));
    for (const question of questions) {
      for (const evidence of question.evidence) {
        const document = byId.get(evidence.doc);
        const paragraph = document?.paragraphs[evidence.paragraph - 1];
        const text = paragraph && document ? document.text.slice(paragraph.span.start, paragraph.span.end) : '';
        expect(text.includes(evidence.text), `${question.id}: ${evidence.text}`).toBe(true);
      }
    }
  });

  it('GIVEN the test model THEN the fused engine meets the floors in eval/floors.json, with every quote verbatim', async () => {
    const report = await reportFor(true);
    expect(report.mode).not.toBe('keyword');
    expect(report.quoteFidelity).toBe(1);
    const floors = await readFloors(path.join(REPO_ROOT, 'eval/floors.json'), 'tests/fixtures/model');
    expect(floors).toBeDefined();
    expect(belowFloors(report, floors!)).toEqual([]);
  });

  it('GIVEN no model THEN keyword mode meets its own floors', async () => {
    const report = await reportFor(false);
    expect(report.mode).toBe('keyword');
    expect(report.quoteFidelity).toBe(1);
    const floors = await readFloors(path.join(REPO_ROOT, 'eval/floors.json'), 'keyword');
    expect(belowFloors(report, floors!)).toEqual([]);
  });

  // q45 and q46 are off-topic (borscht, football); q58 and q59 are keyboard mash.
  it.each([true, false])('GIVEN off-topic and keyboard-mash questions THEN they are not answered (model loaded: %s)', async (withModel) => {
    const report = await reportFor(withModel);
    for (const id of ['q45', 'q46', 'q58', 'q59']) {
      const run = report.runs.find((candidate) => candidate.question.id === id);
      expect(run?.ranking[0]?.score ?? 0, id).toBeLessThan(report.threshold);
    }
  });
});
