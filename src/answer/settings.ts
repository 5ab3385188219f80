import type { FusionStrategy } from './fusion.js';
import type { RetrievalMode, Strictness } from './types.js';

export interface RetrievalSettings {
  /** How dense and keyword evidence combine when a model is loaded. */
  readonly fusion: FusionStrategy;
  /** Chunks taken from each retriever before fusion. */
  readonly candidates: number;
  /** Lowest top score that still counts as an answer, per mode, at "normal" strictness. */
  readonly minScore: Readonly<Record<RetrievalMode, number>>;
  /** Added to `minScore` for each strictness. */
  readonly strictnessShift: Readonly<Record<Strictness, number>>;
}

/**
 * Used for a model that has no entry in eval/calibration.json yet. These are
 * starting points, not measurements: calibrate with
 * `npm run cli -- eval --compare --write` once the model is downloaded.
 */
export const UNCALIBRATED: RetrievalSettings = {
  fusion: { kind: 'linear', denseWeight: 0.5 },
  candidates: 30,
  minScore: { dense: 0.6, fused: 0.5, keyword: 0.3 },
  strictnessShift: { lenient: -0.05, normal: 0, strict: 0.05 },
};
