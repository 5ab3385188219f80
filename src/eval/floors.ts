import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { EvaluationReport } from './evaluate.js';

const floorSchema = z.object({
  hitAt1: z.number(),
  hitAt3: z.number(),
  mrr: z.number(),
  answeredRate: z.number(),
  abstentionRate: z.number(),
  quoteFidelity: z.number(),
});

export type Floors = z.infer<typeof floorSchema>;

/** Floors are kept per model id (or "keyword" for keyword-only mode): scores differ by model. */
export async function readFloors(file: string, key: string): Promise<Floors | undefined> {
  const all = z.record(z.string(), floorSchema).parse(JSON.parse(await readFile(file, 'utf8')));
  return all[key];
}

/** Each metric below its floor, as "name value < floor". */
export function belowFloors(report: EvaluationReport, floors: Floors): string[] {
  return (Object.keys(floors) as (keyof Floors)[])
    .filter((metric) => report[metric] < floors[metric])
    .map((metric) => `${metric} ${report[metric].toFixed(3)} < ${floors[metric]}`);
}
