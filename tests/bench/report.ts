// Renders the measured runs as docs/benchmarks.md. Every number comes from a run;
// a cell is "–" where nothing was measured.
import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { HNSW_BUILD } from '../../src/runtime/reindex.js';
import type { BuildResult } from './build-run.js';
import { CHUNK_MAX_TOKENS, EMBEDDING_BATCH_SIZE, MODELS, type ModelName } from './models.js';
import { EF_VALUES, RECALL_K } from './recall.js';
import type { ServeResult } from './serve-run.js';
import type { Percentiles } from './stats.js';
import { essayDocuments, type LengthStats, lengthStats, PARAGRAPHS_PER_DOCUMENT, paragraphTexts, syntheticCorpus } from './synthetic-corpus.js';

export interface BenchRun {
  readonly model: ModelName;
  readonly size: number;
  /** The commit checked out when the run started, and src/ files changed on top of it. */
  readonly source: { readonly commit: string; readonly uncommitted: readonly string[] };
  readonly build: BuildResult;
  readonly serve: ServeResult | null;
}

interface ReportInput {
  readonly commands: readonly string[];
  readonly startedAt: Date;
  readonly environment: Record<string, string>;
  readonly runs: readonly BenchRun[];
}

const RECALL_TARGET = 0.99;
const MINILM_MODELS: readonly ModelName[] = ['bench-fp32', 'bench-q8'];

const packageVersion = (name: string) =>
  (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;

export function environmentFacts(): Record<string, string> {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  return {
    CPU: cpu,
    'Cores available': String(availableParallelism()),
    Memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    Node: process.version,
    'onnxruntime-node': packageVersion('onnxruntime-node'),
    '@huggingface/transformers': packageVersion('@huggingface/transformers'),
    'hnswlib-node': packageVersion('hnswlib-node'),
  };
}

const fixed = (value: number | undefined, digits = 1) => (value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));
const pct = (p: Percentiles | undefined) => (p ? `${fixed(p.p50, 2)} / ${fixed(p.p95, 2)} / ${fixed(p.p99, 2)}` : '–');
const size = (n: number) => (n >= 1000 && Math.log10(n) % 1 === 0 ? `10^${Math.log10(n)}` : String(n));
const table = (header: string[], rows: string[][]) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

// Ingesting 10^5 synthetic paragraphs takes seconds, and the report is rewritten after every run.
let corpusSectionText: string | undefined;

function corpusSection(): string {
  corpusSectionText ??= renderCorpusSection();
  return corpusSectionText;
}

function renderCorpusSection(): string {
  const describe = (label: string, s: LengthStats) => [label, String(s.paragraphs), String(s.meanChars), String(s.p10Chars), String(s.p50Chars), String(s.p90Chars)];
  return [
    '## How the corpus is made',
    '',
    `All sentences of docs/essays/*.md are split with the production sentence splitter (src/corpus/sentences.ts). Each synthetic paragraph takes as many of them as a randomly chosen essay paragraph has (so paragraph lengths follow the essays' own distribution), drawn uniformly with replacement by a seeded PRNG (mulberry32), so a size always yields the same corpus; a draw whose set of sentences an earlier paragraph already has is redrawn, so no two paragraphs are copies (once the short combinations are used up, later paragraphs are longer, hence the longer paragraphs at 10^5). Sentences still repeat heavily at large sizes: a harder case than real text for keyword search (long posting lists) and for HNSW (near-duplicate vectors). Exact copies were allowed in an earlier version of this corpus: 60% of 10^5 paragraphs sat in groups of identical text (up to 232 copies), and HNSW recall@10 fell to 0.73 at ef 150 with the test model, because hnswlib's graph cannot route among hundreds of identical vectors. A real corpus with a few repeated paragraphs (boilerplate) is far from that. Paragraphs are grouped ${PARAGRAPHS_PER_DOCUMENT} to a Markdown document with a front-matter title and ingested in memory with ingestDocument, the production parser. Paragraphs over ${CHUNK_MAX_TOKENS} tokens are split into chunks by the indexer, so chunks ≥ paragraphs.`,
    '',
    table(['paragraphs', 'count', 'mean chars', 'p10', 'p50', 'p90'], [
      describe('the essays', lengthStats(paragraphTexts(essayDocuments()))),
      describe('synthetic 10^3', lengthStats(paragraphTexts(syntheticCorpus(1000)))),
      describe('synthetic 10^5', lengthStats(paragraphTexts(syntheticCorpus(100_000)))),
    ]),
    '',
    'Synthetic paragraphs are longer than the essays’ own (which average about 2.4 sentences), so embedding cost per paragraph is higher than for the real corpus: the indexing numbers are conservative.',
  ].join('\n');
}

function codeSection(runs: readonly BenchRun[]): string {
  const versions = new Map<string, string[]>();
  for (const run of runs) {
    const key = `${run.source.commit}${run.source.uncommitted.length ? ` + uncommitted changes to ${run.source.uncommitted.join(', ')}` : ''}`;
    versions.set(key, [...(versions.get(key) ?? []), `${run.model} ${size(run.size)}`]);
  }
  return table(['code measured (git HEAD at the start of the run)', 'runs'], [...versions].map(([version, names]) => [version, names.join(', ')]));
}

function buildRows(runs: readonly BenchRun[]): string[][] {
  return runs.map(({ model, size: n, build: b }) => [
    model,
    size(n),
    b.completed ? String(b.chunks) : `${b.chunksEmbedded} of ${b.chunks} (stopped at its ${b.budgetMs / 60_000}-min budget)`,
    fixed(b.buildMs / 1000),
    fixed(b.paragraphs / (b.buildMs / 1000)),
    `${fixed((100 * b.embedMs) / b.buildMs, 0)}%`,
    [b.prepareMs, b.insertMs, b.saveMs].map((ms) => fixed(ms / 1000)).join(' / '),
    fixed(b.indexBytes / 1e6),
    String(b.peakRssMb),
    b.cpuMs === undefined ? '–' : fixed(b.paragraphs / (b.cpuMs / 1000)),
    fixed(b.loadAverage),
  ]);
}

/** Smallest ef whose mean recall@k reaches the target in every run of `model` that measured recall. */
export function recommendedEf(runs: readonly BenchRun[], model: ModelName): number | undefined {
  const measured = runs.flatMap((run) => (run.model === model && run.serve ? [run.serve.recall] : []));
  return EF_VALUES.find((ef) => measured.length > 0 && measured.every((recall) => (recall.find((r) => r.ef === ef)?.meanRecall ?? 0) >= RECALL_TARGET));
}

const modelsIn = (runs: readonly BenchRun[]) => [...new Set(runs.filter((run) => run.serve).map((run) => run.model))];

function targets(runs: readonly BenchRun[]): string[][] {
  const at = (n: number) => runs.filter((run) => run.size === n);
  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'not met');
  const rows: string[][] = [];
  for (const run of at(10_000).filter((r) => MINILM_MODELS.includes(r.model))) {
    const p95 = run.serve?.ask.p95;
    rows.push([`${run.model}, 10^4: end-to-end ask p95 ≤ 25 ms`, `${fixed(p95, 2)} ms`, verdict(p95 === undefined ? undefined : p95 <= 25)]);
    const rate = run.build.paragraphs / (run.build.buildMs / 1000);
    rows.push([`${run.model}, 10^4: indexing ≥ 100 paragraphs/s`, `${fixed(rate)} paragraphs/s`, verdict(rate >= 100)]);
  }
  for (const model of modelsIn(runs)) {
    const ef = recommendedEf(runs, model);
    const recalls = runs.flatMap((run) => (run.model === model && run.serve ? [run.serve.recall.find((r) => r.ef === (ef ?? 200))?.meanRecall ?? 0] : []));
    const sizes = runs.filter((run) => run.model === model && run.serve).map((run) => size(run.size)).join(', ');
    rows.push([`${model}: recall@${RECALL_K} ≥ ${RECALL_TARGET} at every size (${sizes})`, `${ef === undefined ? 'no ef does; at ef=200' : `ef=${ef}:`} worst ${fixed(Math.min(...recalls), 4)}`, verdict(ef !== undefined)]);
  }
  for (const run of at(100_000)) {
    const ms = run.serve?.answeringMs;
    const full = run.serve ? `; fused after ${fixed((run.serve.answeringMs + run.serve.keywordsInMs) / 1000, 1)} s; CLI full load ${fixed(run.serve.engineLoadMs / 1000, 1)} s` : '';
    rows.push([`${run.model}, 10^5: index loads (bot answering) in ≤ 2 s`, ms === undefined ? '–' : `${fixed(ms / 1000, 2)} s${full}`, verdict(ms === undefined ? undefined : ms <= 2000)]);
  }
  const rss = runs.map((run) => `${run.model} ${size(run.size)}: ${run.build.peakRssMb} / ${run.serve?.peakRssMb ?? '–'}`);
  rows.push(['peak RSS stated (build / serve, MB)', rss.join('; '), 'stated']);
  return rows;
}

export function renderReport({ commands, startedAt, environment, runs }: ReportInput): string {
  const served = runs.filter((run) => run.serve);
  const sections = [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (tests/bench/); do not edit by hand. Each (model, size) is built in one child process and served in another, so peak RSS belongs to that step alone.',
    '',
    `The machine is shared: other work ran during these runs. The "load avg" columns give the mean 1-minute load average during each step; on ${availableParallelism()} cores, anything above ${availableParallelism()} means the benchmark waited for a core, and wall-clock numbers (throughput, latency percentiles) are pessimistic by about that ratio.`,
    '',
    table(['fact', 'value'], [
      ['Date', startedAt.toISOString()],
      ['Command', commands.map((command) => `\`${command}\``).join(', then ')],
      ...Object.entries(environment),
      ['HNSW', `M=${HNSW_BUILD.m}, efConstruction=${HNSW_BUILD.efConstruction} (src/runtime/reindex.ts)`],
      ['Embedding', `batch ${EMBEDDING_BATCH_SIZE}, chunks ≤ ${CHUNK_MAX_TOKENS} tokens`],
    ]),
    '',
    'Other work on src/ went on while the benchmark ran; each run measured the code checked out when it started:',
    '',
    codeSection(runs),
    '',
    '## Models',
    '',
    table(['name', 'what it is'], Object.entries(MODELS).map(([name, spec]) => [name, spec.description])),
    '',
    'The bench model has random weights: its cost per token is all-MiniLM-L6-v2’s, but its vectors mean nothing, and it has no calibration entry, so the engine uses the uncalibrated fusion (linear, dense weight 0.5).',
    '',
    corpusSection(),
    '',
    '## Indexing (full build: chunking + embedding + HNSW + writes)',
    '',
    table(['model', 'N', 'chunks', 'build s', 'paragraphs/s', 'embedding share', 'prepare / HNSW insert / saves s', 'index MB', 'peak RSS MB', 'paragraphs per CPU-s', 'load avg'], buildRows(runs)),
    '',
    '"prepare" is planning and chunking (token counts) before the first batch; "saves" are the one-minute checkpoints plus the final write. "paragraphs per CPU-s" divides by the CPU time of all the build\'s threads, which other load on the machine hardly changes; with 2 cores, wall-clock throughput is at best twice it.',
    '',
    '## Index load, page cache warm',
    '',
    'The bot (EngineHolder) answers as soon as the manifest, texts and HNSW graph are in; a keyword index over 16 MB (about 25,000 chunks) follows in the background, answers being dense-only meanwhile, then fused. The CLI loads everything first (keyword index loaded without yielding, about twice as fast).',
    '',
    table(['model', 'N', 'bot: answering ms', 'bot: keywords in after ms', 'CLI: full load ms', 'manifest only ms', 'without vectors ms', 'model load ms', 'word-vector table: load ms / +RSS MB'], served.map(({ model, size: n, serve: s }) => [
      model, size(n), fixed(s!.answeringMs, 0), fixed(s!.keywordsInMs, 0), fixed(s!.engineLoadMs, 0), fixed(s!.manifestLoadMs, 0), fixed(s!.withoutVectorsLoadMs, 0), fixed(s!.modelLoadMs, 0),
      s!.lexiconLoadMs === undefined ? '–' : `${fixed(s!.lexiconLoadMs, 0)} / ${s!.lexiconRssMb}`,
    ])),
    '',
    '## Query latency, ms as p50 / p95 / p99',
    '',
    `Each golden question (eval/golden.jsonl) once as warm-up, then repeated for at least 300 timed samples. "ask" is AnswerEngine.ask, question in, quoted answer out; the stages beside it are timed on their own. Raw searches fetch ${served[0]?.serve?.candidates ?? 30} candidates, as the engine does, at the ef the index was built with (column ef).`,
    '',
    table(['model', 'N', 'mode', 'ef', 'samples', 'ask', 'no-model ask', 'embed query', 'HNSW search', 'keyword search', 'serve peak RSS MB', 'load avg'], served.map(({ model, size: n, serve: s }) => [
      model, size(n), s!.mode, s!.efSearch === undefined ? '–' : String(s!.efSearch), String(s!.ask.samples), pct(s!.ask), pct(s!.keywordOnlyAsk), pct(s!.embedQuery), pct(s!.hnswSearch), pct(s!.keywordSearch), String(s!.peakRssMb), fixed(s!.loadAverage),
    ])),
    '',
    `## HNSW recall@${RECALL_K} against exact search`,
    '',
    `Queries: the golden questions embedded plus ${served[0] ? served[0].serve!.recallQueries - 59 : 200} stored paragraph vectors picked at random; exact top-${RECALL_K} by brute-force cosine over every stored vector. A returned vector as similar as the exact ${RECALL_K}th counts as a hit (duplicate paragraphs tie). Cells: mean recall over all queries (questions only / paragraphs only), then the HNSW search p50 in ms. "pair cos" is the mean cosine between random pairs of stored vectors: near 1, all vectors point one way and neighbours are separated by tiny margins.`,
    '',
    table(['model', 'N', 'pair cos', ...EF_VALUES.map((value) => `ef=${value}`)], served.map(({ model, size: n, serve: s }) => [
      model, size(n), fixed(s!.meanPairCosine, 3), ...s!.recall.map((r) => `${fixed(r.meanRecall, 4)} (${fixed(r.questionRecall, 3)} / ${fixed(r.paragraphRecall, 3)}) ${fixed(r.searchP50Ms, 3)}`),
    ])),
    '',
    table(['model', `smallest ef with mean recall@${RECALL_K} ≥ ${RECALL_TARGET} at every size measured`], modelsIn(runs).map((model) => [model, String(recommendedEf(runs, model) ?? `none of ${EF_VALUES.join(', ')}`)])),
    '',
    'Recall falls as the graph grows, so the largest size measured is the binding one.',
    '',
    '## Targets',
    '',
    table(['target', 'measured', 'verdict'], targets(runs)),
    '',
  ];
  return sections.join('\n');
}
