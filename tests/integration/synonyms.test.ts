import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.js';
import { DEFAULTS } from '../../src/answer/settings.js';
import { loadSynonyms } from '../../src/lexicon/load-synonyms.js';
import { parseSynonyms, Synonyms } from '../../src/lexicon/synonyms.js';
import type { WordVectors } from '../../src/lexicon/word-vectors.js';
import { markdownDocument, memoryIndex } from '../support/memory-index.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testWordVectors } from '../support/word-vectors.js';

const tempDir = useTempDirs();
let words: WordVectors;

beforeAll(async () => {
  words = await testWordVectors();
});

// "Swaps" and "exchanges" sit at cosine 0.34 in GloVe, below the near-word floor: the vectors alone never join them.
// Each paragraph covers one of the question's two words, so without the synonym they tie.
const documents = [markdownDocument('talks', 'Swaps of grain were planned.\n\nExchanges of prisoners resumed.\n')];
const QUESTION = 'Were the swaps resumed?';

async function ask(synonyms: Synonyms) {
  const engine = new AnswerEngine({ index: await memoryIndex(documents, null, { words }), embedder: null, settings: DEFAULTS, synonyms });
  const answer = await engine.ask(QUESTION, { limit: 2, minConfidence: -Infinity });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

function synonyms(text: string): Synonyms {
  const parsed = parseSynonyms(text);
  if (!parsed.ok) throw new Error(parsed.error.reason);
  return parsed.value;
}

describe('maintainer synonyms', () => {
  it('GIVEN "swap, exchange" THEN the "exchanges" paragraph covers the question fully, ranks first and says why', async () => {
    const without = await ask(Synonyms.none);
    const exchanges = without.results.find((result) => result.ref === 'talks#p2');
    expect(exchanges?.coverage).toBeCloseTo(0.5, 2);

    const withSynonyms = await ask(synonyms('swap, exchange\n'));
    expect(withSynonyms.results[0]?.ref).toBe('talks#p2');
    expect(withSynonyms.results[0]?.coverage).toBeCloseTo(1, 5);
    expect(withSynonyms.results[0]?.matches).toContainEqual({ word: 'swaps', matched: 'Exchanges', similarity: 1 });
    expect(withSynonyms.confidence).toBeGreaterThan(without.confidence);
  });

  it('GIVEN a missing file or a bad line THEN a typed error naming the file, and the line', async () => {
    const dir = await tempDir();
    const missing = await loadSynonyms(path.join(dir, 'none.txt'));
    expect(!missing.ok && missing.error.code).toBe('SYNONYMS_MISSING');

    const file = path.join(dir, 'synonyms.txt');
    await writeFile(file, '# ok\nswap, exchange\nwhite house, administration\n');
    const bad = await loadSynonyms(file);
    expect(!bad.ok && bad.error.code).toBe('SYNONYMS_INVALID');
    expect(!bad.ok && bad.error.message).toContain('line 3: "white house" is not a single word');
  });

  it('GIVEN SYNONYMS_FILE with a bad line THEN `ask` warns in one line naming it and still answers, without synonyms', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'synonyms.txt');
    await writeFile(file, 'swap\n');
    const env = { CORPUS_DIR: ESSAYS_DIR, INDEX_DIR: path.join(dir, 'index'), SYNONYMS_FILE: file };
    expect((await runCli(['index'], env)).code).toBe(0);

    const run = await runCli(['ask', '--json', 'What does Putin want from Ukraine?'], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).results.length).toBeGreaterThan(0);
    expect(run.stderr).toContain(`the synonyms file ${file} is unusable (line 1: a group needs at least two words`);
  });
});
