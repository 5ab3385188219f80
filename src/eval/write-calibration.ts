import type { CalibrationFile } from '../answer/calibration.js';
import { DEFAULTS } from '../answer/settings.js';
import { bestModelRow, type ComparedRow } from './compare.js';

/**
 * Folds one comparison into the calibration file: the exact-words and
 * word-vector thresholds (at the similarity floor citebot uses), and for the
 * model, the best fusion on the tune part. A model gets no threshold of its own:
 * confidence is soft coverage, which no model enters, so the word-vector
 * threshold carries over to every model (tests/integration/robustness.test.ts
 * checks that). Everything was chosen on the tune questions; the holdout scores
 * are kept for the record.
 */
export function withCalibration(
  file: CalibrationFile,
  modelId: string | null,
  rows: readonly ComparedRow[],
  measuredOn: { readonly golden: string; readonly questions: number; readonly date: string },
): CalibrationFile {
  const measured = (row: ComparedRow) => ({ ...measuredOn, configuration: row.name, tune: rounded(row.tune), holdout: rounded(row.holdout) });
  const atDefaultFloor = (row: ComparedRow) => row.meaning.floor === DEFAULTS.meaning.floor && row.meaning.commonWords === DEFAULTS.meaning.commonWords;
  const exact = rows.find((row) => row.fusion === null && !row.wordVectors);
  const lexical = rows.find((row) => row.fusion === null && row.wordVectors && atDefaultFloor(row));
  let next: CalibrationFile = { ...file };
  if (exact) next = { ...next, keyword: { minConfidence: round(exact.threshold), measured: measured(exact) } };
  if (lexical) next = { ...next, lexical: { minConfidence: round(lexical.threshold), measured: measured(lexical) } };
  const best = bestModelRow(rows);
  if (modelId && best?.fusion && best.fusion.kind !== 'lexical') {
    next = { ...next, models: { ...next.models, [modelId]: { fusion: best.fusion, measured: measured(best) } } };
  }
  return next;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
const rounded = (scores: object) => Object.fromEntries(Object.entries(scores).map(([key, value]) => [key, round(value as number)]));
