import { AnswerEngine, type Reranker } from '../answer/answer-engine.js';
import { type CalibrationFile, settingsFor } from '../answer/calibration.js';
import type { CitebotError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { err, ok, type Result } from '../core/result.js';
import type { Embedder } from '../embedding/embedder.js';
import { type LoadedIndex, loadGeneration, modelRefusal, readManifest } from '../index/index-files.js';

export interface OpenedEngine {
  readonly engine: AnswerEngine;
  readonly index: LoadedIndex;
}

/**
 * Loads the index in `dir` and puts an answer engine on it, with the fusion and
 * thresholds calibrated for the model. With an embedder the index must hold
 * vectors from that very model; an index without vectors still answers, from
 * keywords, and the caller is told why.
 */
export interface EngineParts {
  readonly embedder: Embedder | null;
  readonly reranker?: Reranker | null;
  readonly calibration: CalibrationFile;
  readonly logger: Logger;
}

export async function openEngine(dir: string, parts: EngineParts): Promise<Result<OpenedEngine, CitebotError>> {
  const { embedder, logger } = parts;
  const manifest = await readManifest(dir);
  if (!manifest.ok) return manifest;
  const withVectors = embedder !== null && manifest.value.model !== null;
  if (embedder && !withVectors) {
    logger.warn('the index has no vectors yet; answering from keyword search until `npm run index` runs with the model');
  }
  const refusal = withVectors && embedder ? modelRefusal(manifest.value, { ...embedder.identity, dimensions: embedder.dimensions }) : undefined;
  if (refusal) return err(refusal);
  const loaded = await loadGeneration(dir, manifest.value, { withVectors });
  if (!loaded.ok) return loaded;
  const modelId = withVectors && embedder ? embedder.identity.id : null;
  const { settings, calibrated } = settingsFor(parts.calibration, modelId);
  if (!calibrated) {
    logger.warn({ model: modelId }, 'no calibration for this model in eval/calibration.json; using uncalibrated thresholds (run `npm run cli -- eval --compare --write`)');
  }
  const engine = new AnswerEngine({ index: loaded.value, embedder: withVectors ? embedder : null, settings, reranker: parts.reranker ?? null });
  return ok({ engine, index: loaded.value });
}
