// Nearest-rank percentiles, shared by the benchmark and the load script so both report the same statistic.

export interface Percentiles {
  readonly samples: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
}

/** NaN fields when there are no samples. */
export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  const mean = sorted.length === 0 ? NaN : sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
  return { samples: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), mean, max: sorted.at(-1) ?? NaN };
}
