import type { FusionStrategy } from './fusion.js';
import type { MeaningSettings } from './meaning.js';
import type { RetrievalMode, Strictness } from './types.js';

export interface RetrievalSettings {
  /** How vector and word evidence combine when a model is loaded. */
  readonly fusion: FusionStrategy;
  /** Chunks taken from each retriever before fusion. */
  readonly candidates: number;
  /** When a corpus word counts as near a question word. */
  readonly meaning: MeaningSettings;
  /**
   * Lowest confidence (soft coverage of the question by the best passages, which
   * no embedding model enters) that still counts as an answer, per mode, at
   * "normal" strictness.
   */
  readonly minConfidence: Readonly<Record<RetrievalMode, number>>;
  /** Added to `minConfidence` for each strictness. */
  readonly strictnessShift: Readonly<Record<Strictness, number>>;
}

/**
 * Starting points for settings that eval/calibration.json does not give. The
 * confidence thresholds do not depend on the model, so a model without its own
 * calibration uses the word-matching ones measured for "lexical" mode; only its
 * fusion weight is a guess until `npm run cli -- eval --compare --write` runs.
 */
export const DEFAULTS: RetrievalSettings = {
  fusion: { kind: 'linear', denseWeight: 0.3 },
  candidates: 30,
  meaning: { floor: 0.5, neighbours: 16, commonWords: 300 },
  minConfidence: { dense: 0.5, fused: 0.5, lexical: 0.5, keyword: 0.5 },
  strictnessShift: { lenient: -0.05, normal: 0, strict: 0.05 },
};
