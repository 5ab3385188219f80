import type { CalibrationFile } from '../answer/calibration.js';
import { bestModelStrategy, type StrategyRow } from './compare.js';

/**
 * Folds one comparison run into the calibration file: for the model, the best
 * strategy that uses it and the thresholds measured for it; for keyword-only
 * mode, the BM25 threshold. Returns the file unchanged if nothing was measured.
 */
export function withCalibration(
  file: CalibrationFile,
  modelId: string | null,
  rows: readonly StrategyRow[],
  measuredOn: { readonly golden: string; readonly questions: number; readonly date: string },
): CalibrationFile {
  const measured = (row: StrategyRow) => ({
    ...measuredOn,
    strategy: row.name,
    hitAt1: round(row.hitAt1),
    hitAt3: round(row.hitAt3),
    mrr: round(row.mrr),
    answeredRate: round(row.answeredRate),
    abstentionRate: round(row.abstentionRate),
  });
  const keywordRow = rows.find((row) => row.fusion.kind === 'keyword');
  const denseRow = rows.find((row) => row.fusion.kind === 'dense');
  const best = bestModelStrategy(rows);
  let next: CalibrationFile = keywordRow
    ? { ...file, keyword: { minScore: round(keywordRow.calibratedThreshold), measured: measured(keywordRow) } }
    : file;
  if (modelId && best && best.fusion.kind !== 'keyword' && denseRow) {
    const fusedThreshold = best.fusion.kind === 'dense' ? denseRow.calibratedThreshold : best.calibratedThreshold;
    next = {
      ...next,
      models: {
        ...next.models,
        [modelId]: {
          fusion: best.fusion,
          minScore: { fused: round(fusedThreshold), dense: round(denseRow.calibratedThreshold) },
          measured: measured(best),
        },
      },
    };
  }
  return next;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
