// Small measuring helpers shared by the benchmark's child processes.
import { loadavg } from 'node:os';
import { percentiles, type Percentiles } from '../support/percentiles.js';

export { percentiles, type Percentiles };

/** Enough passes over `items` for at least `minSamples` timings. */
export const passesFor = (items: number, minSamples: number) => Math.max(1, Math.ceil(minSamples / items));

/**
 * Times `run` on every item, `passes` times over, after one untimed warm-up pass
 * (JIT, ONNX Runtime's first-call allocations, page cache).
 */
export async function timeEach<T>(items: readonly T[], passes: number, run: (item: T) => unknown): Promise<Percentiles> {
  for (const item of items) await run(item);
  const samples: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const item of items) {
      const started = performance.now();
      await run(item);
      samples.push(performance.now() - started);
    }
  }
  return percentiles(samples);
}

export async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

/** This process's peak resident set so far, in MB (maxRSS is reported in KiB). */
export const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

export const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

/** CPU time this process has used (all threads, user + system), ms. */
export const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * The machine is shared: other work running at the same time slows every number
 * down. The 1-minute load average, sampled during a run, says how much.
 */
export class LoadSampler {
  private readonly samples: number[] = [];
  private readonly timer = setInterval(() => this.sample(), 5_000).unref();

  constructor() {
    this.sample();
  }

  sample(): void {
    this.samples.push(loadavg()[0] ?? 0);
  }

  /** Mean load average over the run; stops sampling. */
  finish(): number {
    clearInterval(this.timer);
    this.sample();
    return this.samples.reduce((sum, x) => sum + x, 0) / this.samples.length;
  }
}
