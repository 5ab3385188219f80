import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import type { SourceDocument } from '../../src/corpus/document.js';
import { evaluate, type EvaluationReport } from '../../src/eval/evaluate.js';
import { belowFloors, floorKeyOf, readFloors } from '../../src/eval/floors.js';
import { GOLDEN_SPLITS, type GoldenQuestion } from '../../src/eval/golden.js';
import { openEngine } from '../../src/runtime/open-engine.js';
import { readCalibration } from '../../src/runtime/read-calibration.js';
import { buildFrom } from '../support/build-helpers.js';
import { readGoldenFixtures } from '../support/golden.js';
import { ESSAYS_DIR, REPO_ROOT } from '../support/paths.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';
import { testWordVectors } from '../support/word-vectors.js';

const tempDir = useTempDirs();
const logger = createLogger({ level: 'silent', pretty: false });
let questions: GoldenQuestion[];
let corpus: readonly SourceDocument[];

beforeAll(async () => {
  ({ questions, corpus } = await readGoldenFixtures());
});

type Mode = 'model' | 'word vectors' | 'exact words';

/** The engine `npm start` would run in each mode, on the essays, scored on each part of the golden set. */
async function reportsFor(mode: Mode): Promise<{ key: string; reports: Record<(typeof GOLDEN_SPLITS)[number], EvaluationReport> }> {
  const indexDir = path.join(await tempDir(), 'index');
  const embedder = await testEmbedder();
  const words = mode === 'exact words' ? null : await testWordVectors();
  await buildFrom(ESSAYS_DIR, indexDir, embedder, false, words);
  const calibration = await readCalibration(path.join(REPO_ROOT, 'eval/calibration.json'), logger);
  const opened = await openEngine(indexDir, { embedder: mode === 'model' ? embedder : null, words, calibration, logger });
  if (!opened.ok) throw new Error(opened.error.message);
  const { engine } = opened.value;
  const entries = await Promise.all(GOLDEN_SPLITS.map(async (split) => [split, await evaluate(engine, questions.filter((q) => q.split === split), corpus)] as const));
  return { key: floorKeyOf(engine.mode, mode === 'model' ? 'tests/fixtures/model' : null), reports: Object.fromEntries(entries) as never };
}

describe('the golden set', () => {
  it('GIVEN eval/golden.jsonl THEN it has 80+ questions in a tune and a holdout part, and every evidence text is verbatim in its paragraph', () => {
    expect(questions.length).toBeGreaterThanOrEqual(80);
    for (const split of GOLDEN_SPLITS) {
      const part = questions.filter((q) => q.split === split);
      // Each part has every kind, so neither can be tuned or scored on one sort of question only.
      expect(new Set(part.map((q) => q.kind)), split).toEqual(new Set(['keyword', 'paraphrase', 'both', 'followup', 'unanswerable']));
    }
    expect(questions.filter((q) => q.kind === 'unanswerable').length).toBeGreaterThanOrEqual(15);
    expect(questions.filter((q) => q.kind === 'followup').every((q) => (q.context?.length ?? 0) > 0)).toBe(true);
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

  it.each<Mode>(['model', 'word vectors', 'exact words'])('GIVEN %s THEN both parts meet their floors in eval/floors.json, with every quote verbatim', async (mode) => {
    const { key, reports } = await reportsFor(mode);
    const floors = await readFloors(path.join(REPO_ROOT, 'eval/floors.json'), key);
    expect(floors, key).toBeDefined();
    for (const split of GOLDEN_SPLITS) {
      expect(reports[split].quoteFidelity).toBe(1);
      expect(belowFloors(reports[split], floors![split]), `${key} ${split}`).toEqual([]);
    }
  });

  // q45 and q46 are off-topic (borscht, football); q58 and q59 are keyboard mash.
  it.each<Mode>(['model', 'word vectors'])('GIVEN off-topic and keyboard-mash questions THEN they are not answered (%s)', async (mode) => {
    const { reports } = await reportsFor(mode);
    const runs = GOLDEN_SPLITS.flatMap((split) => reports[split].runs);
    for (const id of ['q45', 'q46', 'q58', 'q59']) {
      const run = runs.find((candidate) => candidate.question.id === id);
      expect(run?.confidence ?? 0, id).toBeLessThan(reports.tune.threshold);
    }
  });
});
