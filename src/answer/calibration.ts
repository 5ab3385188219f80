import { z } from 'zod';
import { type RetrievalSettings, UNCALIBRATED } from './settings.js';

const fusionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dense') }),
  z.object({ kind: z.literal('linear'), denseWeight: z.number().min(0).max(1) }),
  z.object({ kind: z.literal('rrf'), k: z.number().positive() }),
]);

const modelCalibrationSchema = z.object({
  fusion: fusionSchema,
  minScore: z.object({ fused: z.number(), dense: z.number() }),
  /** The run that produced these numbers, for docs/evaluation.md and for humans. */
  measured: z.record(z.string(), z.unknown()).optional(),
});

export const calibrationFileSchema = z.object({
  /** Keyword-only mode does not depend on a model: one threshold for all. */
  keyword: z.object({ minScore: z.number(), measured: z.record(z.string(), z.unknown()).optional() }).optional(),
  models: z.record(z.string(), modelCalibrationSchema).default({}),
});

export type CalibrationFile = z.infer<typeof calibrationFileSchema>;
export type ModelCalibration = z.infer<typeof modelCalibrationSchema>;

/**
 * Retrieval settings for the model in use: its measured fusion and thresholds
 * when eval/calibration.json has them, otherwise the uncalibrated defaults.
 */
export function settingsFor(calibration: CalibrationFile, modelId: string | null): { settings: RetrievalSettings; calibrated: boolean } {
  const keyword = calibration.keyword?.minScore ?? UNCALIBRATED.minScore.keyword;
  const model = modelId === null ? undefined : calibration.models[modelId];
  if (!model) {
    return { settings: { ...UNCALIBRATED, minScore: { ...UNCALIBRATED.minScore, keyword } }, calibrated: modelId === null };
  }
  return {
    settings: { ...UNCALIBRATED, fusion: model.fusion, minScore: { ...model.minScore, keyword } },
    calibrated: true,
  };
}
