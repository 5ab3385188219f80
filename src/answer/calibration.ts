import { z } from 'zod';
import { DEFAULTS, type RetrievalSettings } from './settings.js';

const fusionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dense') }),
  z.object({ kind: z.literal('linear'), denseWeight: z.number().min(0).max(1) }),
  z.object({ kind: z.literal('rrf'), k: z.number().positive() }),
]);

/** The run that produced a calibration, for docs/evaluation.md and for humans. */
const measured = z.record(z.string(), z.unknown()).optional();

const thresholdSchema = z.object({ minConfidence: z.number().min(0).max(1), measured });

export const calibrationFileSchema = z.object({
  /** Word vectors, no model: the confidence threshold every model inherits until it has its own. */
  lexical: thresholdSchema.optional(),
  /** Exact words only (no word-vector table): coverage runs lower, so it has its own threshold. */
  keyword: thresholdSchema.optional(),
  /** Per embedding model: how its similarity fuses with word evidence, and its threshold if measured. */
  models: z.record(z.string(), z.object({ fusion: fusionSchema, minConfidence: z.number().min(0).max(1).optional(), measured })).default({}),
});

export type CalibrationFile = z.infer<typeof calibrationFileSchema>;

/**
 * Retrieval settings for the model in use. Confidence is soft coverage, which no
 * model enters, so the threshold measured without a model carries over to any
 * model; only the fusion weight is model-specific. `fusionCalibrated` is false
 * when the model's fusion is the default guess.
 */
export function settingsFor(calibration: CalibrationFile, modelId: string | null): { settings: RetrievalSettings; fusionCalibrated: boolean } {
  const lexical = calibration.lexical?.minConfidence ?? DEFAULTS.minConfidence.lexical;
  const keyword = calibration.keyword?.minConfidence ?? DEFAULTS.minConfidence.keyword;
  const model = modelId === null ? undefined : calibration.models[modelId];
  const withModel = model?.minConfidence ?? lexical;
  return {
    settings: {
      ...DEFAULTS,
      fusion: model?.fusion ?? DEFAULTS.fusion,
      minConfidence: { lexical, keyword, fused: withModel, dense: withModel },
    },
    fusionCalibrated: modelId === null || model !== undefined,
  };
}
