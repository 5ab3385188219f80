// npm run bench [-- --models test,bench-fp32,bench-q8 --sizes 100,1000,10000,100000 --out docs/benchmarks.md]
//                 [--build-budget-min 90] [--resume .cache/bench/results.json] [--render-from .cache/bench/results.json]
//
// Measures indexing, index loading, query latency, HNSW recall and peak memory
// for each model and corpus size, each (model, size) in fresh child processes,
// and writes the results as Markdown. Progress goes to stderr.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BuildArgs, BuildResult } from './build-run.js';
import { runChild } from './child-process.js';
import { ensureBenchModel, isModelName, MODEL_NAMES, type ModelName } from './models.js';
import { type BenchRun, environmentFacts, renderReport } from './report.js';
import type { ServeArgs, ServeResult } from './serve-run.js';
import { sectionOf } from './sections.js';
import { log } from './stats.js';

const BUILD_SCRIPT = join(import.meta.dirname, 'build-run.ts');
const SERVE_SCRIPT = join(import.meta.dirname, 'serve-run.ts');
const RAW_RESULTS = '.cache/bench/results.json';
/** Sections of the output file this run does not write, kept as they are. */
const KEPT_SECTIONS = ['ingestion', 'meaning'];

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: MODEL_NAMES.join(',') },
    sizes: { type: 'string', default: '100,1000,10000,100000' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
    'build-budget-min': { type: 'string', default: '90' },
    // Keeps the runs of an interrupted benchmark (its raw results file) and measures only the missing ones.
    resume: { type: 'string' },
    // Re-renders the report from a raw results file, measuring nothing.
    'render-from': { type: 'string' },
  },
});

interface RawResults {
  /** Every command that contributed runs, in order (resumed benchmarks have several). */
  readonly commands: string[];
  readonly startedAt: string;
  readonly runs: BenchRun[];
}

const models = values.models.split(',').map((name) => name.trim());
const unknown = models.filter((name) => !isModelName(name));
if (unknown.length > 0) throw new Error(`unknown model(s) ${unknown.join(', ')}; choose from ${MODEL_NAMES.join(', ')}`);
const sizes = values.sizes.split(',').map(Number).sort((a, b) => a - b);
if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`--sizes must be positive integers: ${values.sizes}`);
const budgetMs = Number(values['build-budget-min']) * 60_000;

const previousFile = values['render-from'] ?? values.resume;
const previous = previousFile ? (JSON.parse(readFileSync(previousFile, 'utf8')) as RawResults) : null;
const thisCommand = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
// Files written before `commands` existed hold a single `command`.
const previousCommands = previous?.commands ?? (previous && 'command' in previous ? [String(previous.command)] : []);
const commands = values['render-from'] ? previousCommands : [...previousCommands, thisCommand];
const startedAt = previous ? new Date(previous.startedAt) : new Date();
const runs: BenchRun[] = previous?.runs ?? [];

if (values['render-from']) {
  writeReport();
  process.exit(0);
}
if (models.some((name) => name.startsWith('bench-'))) ensureBenchModel();

// Small sizes first, so every model has results before the long 10^5 builds start;
// the report is rewritten after every run, so an interrupted run keeps what it measured.
for (const paragraphs of sizes) {
  for (const model of models as ModelName[]) {
    if (runs.some((run) => run.model === model && run.size === paragraphs)) continue;
    runs.push(await measure(model, paragraphs));
    writeReport();
    writeRawResults();
  }
}
log(`done: ${values.out}`);

/** Others edit src/ while benchmarks run: each run records the code it measured. */
function sourceVersion(): { commit: string; uncommitted: string[] } {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' });
  // Porcelain lines are "XY path": the status columns may start with a space, so no trimming before slicing.
  const uncommitted = git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).map((line) => line.slice(3));
  return { commit: git('rev-parse', '--short', 'HEAD').trim(), uncommitted };
}

async function measure(model: ModelName, paragraphs: number): Promise<BenchRun> {
  const source = sourceVersion();
  const indexDir = mkdtempSync(join(tmpdir(), `citebot-bench-${model}-${paragraphs}-`));
  try {
    log(`${model} N=${paragraphs}: building`);
    const build = await runChild<BuildArgs, BuildResult>(BUILD_SCRIPT, { model, paragraphs, indexDir, budgetMs });
    log(`${model} N=${paragraphs}: built in ${(build.buildMs / 1000).toFixed(1)} s`);
    // A build stopped by its budget left only a checkpoint: serving numbers would describe a smaller index.
    if (!build.completed) return { model, size: paragraphs, source, build, serve: null };
    try {
      return { model, size: paragraphs, source, build, serve: await runChild<ServeArgs, ServeResult>(SERVE_SCRIPT, { model, indexDir }) };
    } catch (error) {
      // An unattended hour-long run should keep the build numbers and go on to the next run.
      log(`${model} N=${paragraphs}: serving failed: ${String(error)}`);
      return { model, size: paragraphs, source, build, serve: null };
    }
  } finally {
    rmSync(indexDir, { recursive: true, force: true });
  }
}

function writeReport(): void {
  mkdirSync(dirname(values.out), { recursive: true });
  // Sections written by `npm run bench:ingest` (ingestion) and by hand from a targeted run (meaning) are kept.
  const existing = existsSync(values.out) ? readFileSync(values.out, 'utf8') : '';
  const kept = KEPT_SECTIONS.map((name) => sectionOf(existing, name)).filter(Boolean);
  const report = renderReport({ commands, startedAt, environment: environmentFacts(), runs });
  writeFileSync(values.out, kept.length > 0 ? `${report.trimEnd()}\n\n${kept.join('\n\n')}\n` : report);
}

function writeRawResults(): void {
  const raw: RawResults = { commands, startedAt: startedAt.toISOString(), runs };
  mkdirSync(dirname(RAW_RESULTS), { recursive: true });
  writeFileSync(RAW_RESULTS, `${JSON.stringify(raw, null, 2)}\n`);
}
