import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.js';
import { DEFAULTS } from '../../src/answer/settings.js';
import { loadTransformersReranker } from '../../src/embedding/transformers-reranker.js';
import { generateRerankerModel, RERANKER_DIR } from '../tools/generate-reranker-model.js';
import { fakeEmbedder } from '../support/fake-embedder.js';
import { markdownDocument, memoryIndex } from '../support/memory-index.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

async function reranker() {
  const loaded = await loadTransformersReranker({ model: RERANKER_DIR, dtype: 'fp32', cacheDir: '.cache/models' });
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
}

describe('cross-encoder reranking through transformers.js', () => {
  it('GIVEN the fixture cross-encoder THEN it scores each pair, the passage sharing the question’s words highest', async () => {
    const scores = await (await reranker()).rerank('What did Hegseth say about NATO?', [
      'The weather in Moscow was cold.',
      'Hegseth said publicly that joining NATO is unrealistic.',
      'Trump spoke with Putin.',
    ]);
    expect(scores).toHaveLength(3);
    expect(scores.every(Number.isFinite)).toBe(true);
    expect(scores.indexOf(Math.max(...scores))).toBe(1);
  });

  it('GIVEN RERANK_MODEL THEN the engine orders by the cross-encoder but keeps the fused scores', async () => {
    const documents = [
      markdownDocument('a', 'The Kremlin in Moscow thinks about Ukraine.\n'),
      markdownDocument('b', 'Hegseth spoke.\n'),
    ];
    const embedder = fakeEmbedder();
    const index = await memoryIndex(documents, embedder);
    const settings = { ...DEFAULTS, minConfidence: { dense: 0, fused: 0, lexical: 0, keyword: 0 } };
    const plain = await new AnswerEngine({ index, embedder, settings }).ask('Hegseth Kremlin Moscow Ukraine', { limit: 2 });
    const reranked = await new AnswerEngine({ index, embedder, settings, reranker: await reranker() }).ask('Hegseth Kremlin Moscow Ukraine', { limit: 2 });
    expect(plain.ok && plain.value.results.map((r) => r.docId)).toEqual(['a', 'b']);
    expect(reranked.ok && reranked.value.results.map((r) => r.docId)).toEqual(['b', 'a']);
    expect(plain.ok && reranked.ok && new Set(reranked.value.results.map((r) => r.score))).toEqual(plain.ok && new Set(plain.value.results.map((r) => r.score)));
  });

  it('GIVEN the generator THEN it reproduces the committed fixture byte for byte', async () => {
    const outDir = await tempDir();
    for (const file of generateRerankerModel(outDir)) {
      expect(readFileSync(path.join(outDir, file)).equals(readFileSync(path.join(RERANKER_DIR, file))), file).toBe(true);
    }
  });
});
