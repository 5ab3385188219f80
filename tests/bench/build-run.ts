// Child process: a full buildIndex of a synthetic corpus into an empty folder,
// as `npm run index -- --full` would do it, with the time split into phases.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Embedder } from '../../src/embedding/embedder.js';
import { buildIndex } from '../../src/index/build-index.js';
import { CHECKPOINT_MS, HNSW_BUILD, HNSW_EF_SEARCH } from '../../src/runtime/reindex.js';
import { childMain } from './child-process.js';
import { CHUNK_MAX_TOKENS, loadEmbedder, type ModelName } from './models.js';
import { cpuMs, LoadSampler, log, peakRssMb } from './stats.js';
import { testWordVectors } from '../support/word-vectors.js';
import { syntheticCorpus } from './synthetic-corpus.js';

export interface BuildArgs {
  readonly model: ModelName;
  readonly paragraphs: number;
  readonly indexDir: string;
  /** A build still running after this long is stopped and reported as partial. */
  readonly budgetMs: number;
}

export interface BuildResult {
  readonly completed: boolean;
  readonly budgetMs: number;
  readonly paragraphs: number;
  /** Chunks the build planned; a paragraph over CHUNK_MAX_TOKENS becomes several. */
  readonly chunks: number;
  readonly chunksEmbedded: number;
  readonly buildMs: number;
  /** Planning and chunking (tokenizer counts) before the first batch is embedded. */
  readonly prepareMs: number;
  readonly embedMs: number;
  /** HNSW insertion (and manifest bookkeeping) after each embedded group. */
  readonly insertMs: number;
  /** Periodic checkpoints, the final save and pruning. */
  readonly saveMs: number;
  readonly indexBytes: number;
  readonly peakRssMb: number;
  /** CPU time of the build (all threads): unlike wall time, hardly changed by other load on the machine. */
  readonly cpuMs: number;
  /** Mean 1-minute load average during the build (2 cores: above 2 means waiting for a core). */
  readonly loadAverage: number;
}

const PROGRESS_EVERY_MS = 30_000;

class BudgetExceeded extends Error {}

async function build({ model, paragraphs, indexDir, budgetMs }: BuildArgs): Promise<BuildResult> {
  const documents = syntheticCorpus(paragraphs);
  const embedder = await loadEmbedder(model);
  const clock = new PhaseClock();
  const load = new LoadSampler();
  const cpuAtStart = cpuMs();
  let chunks = 0;
  let embedded = 0;
  let lastReport = performance.now();
  let completed = true;
  clock.start();
  try {
    const built = await buildIndex(documents, clock.wrap(embedder), {
      dir: indexDir,
      full: true,
      chunkMaxTokens: CHUNK_MAX_TOKENS,
      hnsw: { ...HNSW_BUILD, efSearch: HNSW_EF_SEARCH },
      checkpointMs: CHECKPOINT_MS,
      words: await testWordVectors(),
      progress: {
        start: (total) => (chunks = total),
        advance(count) {
          clock.mark('insert');
          embedded += count;
          const elapsed = clock.elapsed();
          if (performance.now() - lastReport > PROGRESS_EVERY_MS) {
            lastReport = performance.now();
            log(`${model} N=${paragraphs}: ${embedded}/${chunks} chunks, ${(embedded / (elapsed / 1000)).toFixed(1)} chunks/s`);
          }
          if (elapsed > budgetMs && embedded < chunks) throw new BudgetExceeded();
        },
        stop: () => undefined,
      },
    });
    if (!built.ok) throw new Error(built.error.message);
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    completed = false;
    log(`${model} N=${paragraphs}: stopped after ${Math.round(clock.elapsed() / 1000)} s (budget), ${embedded}/${chunks} chunks embedded`);
  }
  clock.mark('save');
  const phases = clock.totals();
  const buildMs = clock.elapsed();
  const buildCpuMs = cpuMs() - cpuAtStart;
  // A stopped build saved only checkpoints: count the paragraphs it embedded, not the corpus.
  const paragraphsDone = completed ? paragraphs : Math.round((embedded / Math.max(1, chunks)) * paragraphs);
  await embedder.dispose();
  return {
    completed,
    budgetMs,
    paragraphs: paragraphsDone,
    chunks,
    chunksEmbedded: embedded,
    buildMs,
    prepareMs: phases.prepare,
    embedMs: phases.embed,
    insertMs: phases.insert,
    saveMs: phases.save,
    indexBytes: readdirSync(indexDir).reduce((sum, name) => sum + statSync(join(indexDir, name)).size, 0),
    peakRssMb: peakRssMb(),
    cpuMs: buildCpuMs,
    loadAverage: load.finish(),
  };
}

type Phase = 'prepare' | 'embed' | 'insert' | 'save';

/**
 * Splits a build's wall time by what buildIndex is doing: the time up to an
 * event belongs to the phase that event closes. buildIndex alternates
 * embed → insert (ends at progress.advance) → save or next group.
 */
class PhaseClock {
  private startedAt = 0;
  private last = 0;
  private current: Phase = 'prepare';
  private readonly spent: Record<Phase, number> = { prepare: 0, embed: 0, insert: 0, save: 0 };

  start(): void {
    this.startedAt = this.last = performance.now();
  }

  /** Closes the running phase: time since the last mark is charged to `phase`. */
  mark(phase: Phase): void {
    const now = performance.now();
    this.spent[phase] += now - this.last;
    this.last = now;
    this.current = phase === 'insert' ? 'save' : phase;
  }

  elapsed(): number {
    return performance.now() - this.startedAt;
  }

  totals(): Record<Phase, number> {
    return { ...this.spent };
  }

  wrap(embedder: Embedder): Embedder {
    return {
      ...embedder,
      countTokens: (text) => embedder.countTokens(text),
      embedQuery: (text) => embedder.embedQuery(text),
      embedPassages: async (texts) => {
        // Whatever ran since the last mark (first chunking, or a checkpoint save) closes here.
        this.mark(this.current === 'prepare' ? 'prepare' : 'save');
        const vectors = await embedder.embedPassages(texts);
        this.mark('embed');
        return vectors;
      },
      dispose: () => embedder.dispose(),
    };
  }
}

await childMain(build);
