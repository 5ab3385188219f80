import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { RetrievalMode } from '../answer/types.js';
import type { EvaluationReport } from './evaluate.js';

const floorSchema = z.object({
  hitAt1: z.number(),
  hitAt3: z.number(),
  mrr: z.number(),
  answeredRate: z.number(),
  abstentionRate: z.number(),
  quoteFidelity: z.number(),
  quoteEvidence: z.number(),
  declinedShowingRight: z.number(),
});

const partsSchema = z.object({ tune: floorSchema, holdout: floorSchema });

export type Floors = z.infer<typeof floorSchema>;
export type PartFloors = z.infer<typeof partsSchema>;

/** Floors are kept per model id, or per mode without a model ("lexical", "keyword"): scores differ by both. */
export function floorKeyOf(mode: RetrievalMode, modelId: string | null): string {
  return modelId ?? mode;
}

export async function readFloors(file: string, key: string): Promise<PartFloors | undefined> {
  const all = z.record(z.string(), partsSchema).parse(JSON.parse(await readFile(file, 'utf8')));
  return all[key];
}

/** Each metric below its floor, as "name value < floor". */
export function belowFloors(report: EvaluationReport, floors: Floors): string[] {
  return (Object.keys(floors) as (keyof Floors)[])
    .filter((metric) => report[metric] < floors[metric])
    .map((metric) => `${metric} ${report[metric].toFixed(3)} < ${floors[metric]}`);
}
