import { statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.js';
import { DEFAULTS } from '../../src/answer/settings.js';
import { createLogger } from '../../src/core/logger.js';
import type { SourceDocument } from '../../src/corpus/document.js';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import type { WordVectors } from '../../src/lexicon/word-vectors.js';
import { openEngine } from '../../src/runtime/open-engine.js';
import { buildFrom } from '../support/build-helpers.js';
import { markdownDocument, memoryIndex } from '../support/memory-index.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';
import { LEXICON_FILE, testWordVectors } from '../support/word-vectors.js';

const tempDir = useTempDirs();
let words: WordVectors;
let essays: SourceDocument[];

beforeAll(async () => {
  words = await testWordVectors();
  const corpus = await readCorpus(ESSAYS_DIR, { maxDocumentBytes: 1_000_000 });
  if (!corpus.ok) throw new Error(corpus.error.message);
  essays = [...corpus.value.documents];
});

const settings = { ...DEFAULTS, minConfidence: { dense: 0.3, fused: 0.3, lexical: 0.3, keyword: 0.3 } };

async function ask(documents: readonly SourceDocument[], question: string, withWords = true) {
  const engine = new AnswerEngine({ index: await memoryIndex(documents, null, withWords ? { words } : {}), embedder: null, settings });
  const answer = await engine.ask(question, { limit: 3 });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

describe('the committed word-vector table', () => {
  it('GIVEN lexicon/ THEN the table holds 100,000 GloVe words under 25 MB, PDDL, and knows need ≈ necessary', () => {
    expect(statSync(LEXICON_FILE).size).toBeLessThan(25 * 1024 * 1024);
    expect(words.size).toBe(100_000);
    expect(words.description.licence).toMatch(/PDDL/);
    expect(words.similarity('need', 'necessary')).toBeGreaterThan(0.75);
  });
});

describe('answering by meaning, without a model', () => {
  // Two paragraphs share "concessions"; only one says they are not *necessary*, which is what the question asks.
  const documents = [
    markdownDocument('a', 'The Kremlin discussed concessions at length with the envoy.\n\nConcessions are by no means necessary for the Kremlin.\n'),
  ];

  it('GIVEN "need" THEN the "necessary" paragraph ranks first and the match says so', async () => {
    const answer = await ask(documents, 'Does the Kremlin need concessions?');
    expect(answer.mode).toBe('lexical');
    expect(answer.results[0]?.ref).toBe('a#p2');
    expect(answer.results[0]?.matches).toContainEqual({ word: 'need', matched: 'necessary', similarity: expect.closeTo(0.79, 1) as number });
    const exact = await ask(documents, 'Does the Kremlin need concessions?', false);
    expect(exact.mode).toBe('keyword');
    expect(exact.results[0]?.coverage).toBeLessThan(answer.results[0]!.coverage);
  });

  it('GIVEN the NATO question THEN the quote is the "cast-iron guarantees" sentence', async () => {
    const answer = await ask(essays, 'What guarantees does the Kremlin want about NATO?');
    expect(answer.results[0]?.ref).toBe('trump-putin-call#p6');
    expect(answer.results[0]?.quote).toBe('Russia’s deputy foreign minister has already said the Kremlin would require “cast-iron guarantees” that Ukraine will not join NATO.');
  });

  it('GIVEN a name THEN it stands only for itself: Russia never matches Ukraine, August never January', async () => {
    const russia = await ask(essays, 'Russia Russia Russia');
    for (const result of russia.results) expect(result.matches.map((match) => match.matched.toLowerCase())).not.toContain('ukraine');
    const august = await ask(essays, 'What happened in August?');
    for (const result of august.results) expect(result.matches.map((match) => match.matched)).not.toContain('January');
  });

  it('GIVEN one of the most common English words THEN it is matched only as itself ("make" never stands for "need")', async () => {
    const answer = await ask([markdownDocument('b', 'They make plans.\n\nThey need plans.\n')], 'Do they need plans?');
    expect(answer.results[0]?.ref).toBe('b#p2');
    for (const result of answer.results) expect(result.matches.map((match) => match.matched)).not.toContain('make');
  });
});

describe('the word-vector table, missing or stale', () => {
  const logs: string[] = [];
  const logger = createLogger({ level: 'warn', pretty: false, destination: { write: (line: string) => logs.push(line) } });

  async function openWith(built: WordVectors | null, answering: WordVectors | null) {
    const indexDir = path.join(await tempDir(), 'index');
    await buildFrom(ESSAYS_DIR, indexDir, await testEmbedder(), false, built);
    logs.length = 0;
    const opened = await openEngine(indexDir, { embedder: null, words: answering, calibration: { models: {} }, logger });
    if (!opened.ok) throw new Error(opened.error.message);
    return opened.value.engine;
  }

  it('GIVEN no table when answering THEN answers match exact words, in keyword mode, without crashing', async () => {
    const engine = await openWith(words, null);
    expect(engine.mode).toBe('keyword');
    const answer = await engine.ask('What guarantees does the Kremlin want about NATO?');
    expect(answer.ok && answer.value.results[0]?.ref).toBe('trump-putin-call#p6');
  });

  it('GIVEN an index built without the table THEN answering warns that `npm run index` restores word neighbours', async () => {
    const engine = await openWith(null, words);
    expect(engine.mode).toBe('keyword');
    expect(logs.join('\n')).toMatch(/built without the word-vector table: answering from exact words until `npm run index`/);
  });
});
