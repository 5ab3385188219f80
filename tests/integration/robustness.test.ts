import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import type { SourceDocument } from '../../src/corpus/document.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { evaluate } from '../../src/eval/evaluate.js';
import { GOLDEN_SPLITS, type GoldenQuestion } from '../../src/eval/golden.js';
import { openEngine } from '../../src/runtime/open-engine.js';
import { readCalibration } from '../../src/runtime/read-calibration.js';
import { ensureBenchModel, loadEmbedder } from '../bench/models.js';
import { meanPairCosine, storedVectors } from '../bench/recall.js';
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
  ensureBenchModel();
}, 300_000);

/** The engine `npm start` runs with `embedder` (calibration as committed) on the essays. */
async function engineWith(embedder: Embedder) {
  const indexDir = path.join(await tempDir(), 'index');
  await buildFrom(ESSAYS_DIR, indexDir, embedder);
  const calibration = await readCalibration(path.join(REPO_ROOT, 'eval/calibration.json'), logger);
  const opened = await openEngine(indexDir, { embedder, words: await testWordVectors(), calibration, logger });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

describe('confidence does not depend on the embedding model', () => {
  // The random-weight benchmark model is the worst case there is: its vectors are
  // nearly parallel (mean pair cosine ≈ 0.98), so its similarities say nothing. A
  // threshold on model similarity would answer everything or nothing with it; the
  // threshold on soft coverage, measured without any model, must not care.
  it('GIVEN the random-weight model instead of the test model THEN answered and abstained rates move by at most 0.10 on each part', async () => {
    const reference = await engineWith(await testEmbedder());
    const random = await engineWith(await loadEmbedder('bench-q8'));
    expect(random.engine.mode).toBe('fused');
    expect(meanPairCosine(storedVectors(random.index.vectors!, random.index.library).matrix, random.index.vectors!.dimensions)).toBeGreaterThan(0.9);
    for (const split of GOLDEN_SPLITS) {
      const part = questions.filter((question) => question.split === split);
      const [expected, measured] = [await evaluate(reference.engine, part, corpus), await evaluate(random.engine, part, corpus)];
      expect(Math.abs(measured.answeredRate - expected.answeredRate), `${split} answered`).toBeLessThanOrEqual(0.1);
      expect(Math.abs(measured.abstentionRate - expected.abstentionRate), `${split} abstained`).toBeLessThanOrEqual(0.1);
    }
  }, 300_000);
});
