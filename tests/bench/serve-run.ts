// Child process: what the bot does with a built index. Opens the engine, answers
// the golden questions end to end and stage by stage, then checks HNSW recall.
import pino from 'pino';
import type { AnswerEngine } from '../../src/answer/answer-engine.js';
import { readGoldenSet } from '../../src/eval/golden.js';
import { loadIndex, readManifest } from '../../src/index/index-files.js';
import { addKeywords, LOAD_KEYWORDS_LATER_BYTES, openEngine } from '../../src/runtime/open-engine.js';
import { readCalibration } from '../../src/runtime/read-calibration.js';
import { childMain } from './child-process.js';
import { loadEmbedder, type ModelName } from './models.js';
import { EF_VALUES, meanPairCosine, type RecallAtEf, recallByEf, sampleRows, storedVectors } from './recall.js';
import { LoadSampler, log, passesFor, peakRssMb, type Percentiles, timed, timeEach } from './stats.js';
import { weightedTermsOf } from '../../src/index/keyword-terms.js';
import { loadWordVectors } from '../../src/lexicon/load-word-vectors.js';
import { LEXICON_FILE } from '../support/word-vectors.js';

export interface ServeArgs {
  readonly model: ModelName;
  readonly indexDir: string;
}

export interface ServeResult {
  /** Reading and checking the word-vector table, first thing in a fresh process, and the resident memory it added. */
  readonly lexiconLoadMs: number;
  readonly lexiconRssMb: number;
  readonly modelLoadMs: number;
  /** What the bot does at start: until the engine answers (from vectors alone while a large keyword index loads). */
  readonly answeringMs: number;
  /** Then, in the background, until the keyword index is in and answers are fused (0 when it was loaded up front). */
  readonly keywordsInMs: number;
  /** What the CLI does: everything loaded before the first answer, keyword index included. */
  readonly engineLoadMs: number;
  /** Parts of that: the manifest alone, and everything but the HNSW graph. */
  readonly manifestLoadMs: number;
  readonly withoutVectorsLoadMs: number;
  readonly mode: string;
  readonly ask: Percentiles;
  readonly keywordOnlyAsk: Percentiles;
  readonly embedQuery: Percentiles;
  /** At the production ef (HNSW_EF_SEARCH) and candidate count. */
  readonly hnswSearch: Percentiles;
  readonly keywordSearch: Percentiles;
  readonly candidates: number;
  /** Model + loaded index + engine after answering: the bot's footprint (before recall's extra copy of the vectors). */
  readonly peakRssMb: number;
  readonly recallQueries: number;
  readonly recall: readonly RecallAtEf[];
  readonly meanPairCosine: number;
  /** The ef the index was built with (HNSW_EF_SEARCH at build time), used for the latency numbers. */
  readonly efSearch: number;
  /** Mean 1-minute load average while serving (see LoadSampler). */
  readonly loadAverage: number;
}

const MIN_SAMPLES = 300;
const RANDOM_PARAGRAPH_QUERIES = 200;
// Matches DEFAULTS.candidates (settings.ts), which every calibration keeps.
const CANDIDATES = 30;

async function serve({ model, indexDir }: ServeArgs): Promise<ServeResult> {
  const rssBefore = process.memoryUsage().rss;
  const { value: lexicon, ms: lexiconLoadMs } = await timed(() => loadWordVectors(LEXICON_FILE));
  const lexiconRssMb = Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20);
  if (!lexicon.ok) throw new Error(lexicon.error.message);
  const words = lexicon.value;
  const load = new LoadSampler();
  const logger = pino({ level: 'silent' });
  const calibration = await readCalibration('eval/calibration.json', logger);
  const questions = (await readGoldenSet('eval/golden.jsonl')).map((golden) => golden.question);
  const passes = passesFor(questions.length, MIN_SAMPLES);
  const { value: embedder, ms: modelLoadMs } = await timed(() => loadEmbedder(model));

  const parts = { embedder, words, calibration, logger };
  const early = await timed(() => openEngine(indexDir, parts, { keywordsLaterAbove: LOAD_KEYWORDS_LATER_BYTES }));
  if (!early.value.ok) throw new Error(early.value.error.message);
  const partial = early.value.value;
  const keywordsIn = partial.keywordReady ? { ms: 0 } : await timed(() => addKeywords(partial, parts));
  const opened = await timed(() => openEngine(indexDir, parts));
  if (!opened.value.ok) throw new Error(opened.value.error.message);
  const { engine, index } = opened.value.value;
  const manifestLoadMs = (await timed(() => readManifest(indexDir))).ms;
  const withoutVectorsLoadMs = (await timed(() => loadIndex(indexDir, { withVectors: false }))).ms;

  log(`${model} ${index.library.chunkCount} chunks: ask ×${passes * questions.length}`);
  const ask = await timeEach(questions, passes, (question) => mustAnswer(engine, question));
  const embedQuery = await timeEach(questions, passes, (question) => embedder.embedQuery(question));
  const vectors = index.vectors;
  if (!vectors) throw new Error('the index has no vectors');
  const queryVectors = await Promise.all(questions.map((question) => embedder.embedQuery(question)));
  const hnswSearch = await timeEach(queryVectors, passes, (vector) => vectors.search(vector, CANDIDATES));
  const keywordSearch = await timeEach(questions, passes, (question) => index.keyword.search(weightedTermsOf(question), CANDIDATES));
  const servingRss = peakRssMb();

  const keywordOnly = await openEngine(indexDir, { embedder: null, words, calibration, logger });
  if (!keywordOnly.ok) throw new Error(keywordOnly.error.message);
  const keywordOnlyAsk = await timeEach(questions, passes, (question) => mustAnswer(keywordOnly.value.engine, question));

  log(`${model}: recall@10 for ef ${EF_VALUES.join(', ')}`);
  const stored = storedVectors(vectors, index.library);
  const recallQueries = [...queryVectors, ...sampleRows(stored.matrix, vectors.dimensions, RANDOM_PARAGRAPH_QUERIES)];
  const recall = recallByEf(vectors, stored, recallQueries, queryVectors.length);
  vectors.setEf(index.manifest.hnsw.efSearch);
  await embedder.dispose();
  return {
    lexiconLoadMs,
    lexiconRssMb,
    modelLoadMs,
    answeringMs: early.ms,
    keywordsInMs: keywordsIn.ms,
    engineLoadMs: opened.ms,
    manifestLoadMs,
    withoutVectorsLoadMs,
    mode: engine.mode,
    ask,
    keywordOnlyAsk,
    embedQuery,
    hnswSearch,
    keywordSearch,
    candidates: CANDIDATES,
    peakRssMb: servingRss,
    recallQueries: recallQueries.length,
    recall,
    meanPairCosine: meanPairCosine(stored.matrix, vectors.dimensions),
    efSearch: index.manifest.hnsw.efSearch,
    loadAverage: load.finish(),
  };
}

async function mustAnswer(engine: AnswerEngine, question: string): Promise<void> {
  const answer = await engine.ask(question);
  if (!answer.ok) throw new Error(`ask failed for "${question}": ${answer.error.message}`);
}

await childMain(serve);
