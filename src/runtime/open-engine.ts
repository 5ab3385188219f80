import { AnswerEngine, type Reranker } from '../answer/answer-engine.js';
import { type CalibrationFile, settingsFor } from '../answer/calibration.js';
import type { CitebotError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { err, ok, type Result } from '../core/result.js';
import type { Embedder } from '../embedding/embedder.js';
import { type LoadedIndex, loadGeneration, loadKeywordIndex, modelRefusal, withCurrentManifest } from '../index/index-files.js';
import { LexiconNeighbours } from '../index/word-neighbours.js';
import type { Synonyms } from '../lexicon/synonyms.js';
import type { WordVectors } from '../lexicon/word-vectors.js';
import type { WordNeighbours } from '../answer/meaning.js';

/**
 * Keyword indexes above this size (about 25,000 chunks, a second or more to load)
 * are loaded after the engine starts answering; smaller ones are simply loaded.
 */
export const LOAD_KEYWORDS_LATER_BYTES = 16 * 1024 * 1024;

export interface OpenedEngine {
  readonly engine: AnswerEngine;
  readonly index: LoadedIndex;
  /** False while the keyword index is still loading (the engine answers from vectors meanwhile). */
  readonly keywordReady: boolean;
}

export interface EngineParts {
  readonly embedder: Embedder | null;
  /** The word-vector table; null answers from exact words (and warns). */
  readonly words: WordVectors | null;
  /** Maintainer-declared synonyms (SYNONYMS_FILE); none when absent. */
  readonly synonyms?: Synonyms;
  readonly reranker?: Reranker | null;
  readonly calibration: CalibrationFile;
  readonly logger: Logger;
}

/**
 * Loads the index in `dir` and puts an answer engine on it, with the fusion and
 * thresholds calibrated for the model. With an embedder the index must hold
 * vectors from that very model; an index without vectors still answers, from
 * keywords, and the caller is told why.
 *
 * With `keywordsLaterAbove`, an index with usable vectors and a keyword index
 * larger than that many bytes is answering as soon as the vectors and texts are
 * in: the keyword index, by far the slowest part to load, comes later through
 * `addKeywords`.
 */
export async function openEngine(
  dir: string,
  parts: EngineParts,
  options: { readonly keywordsLaterAbove?: number } = {},
): Promise<Result<OpenedEngine, CitebotError>> {
  const { embedder, logger } = parts;
  // A generation can be pruned under a reader slower than the grace period: it then starts again from the new manifest.
  return withCurrentManifest(dir, async (manifest) => {
    const withVectors = embedder !== null && manifest.model !== null;
    if (embedder && !withVectors) {
      logger.warn('the index has no vectors yet; answering from keyword search until `npm run index` runs with the model');
    }
    const refusal = withVectors && embedder ? modelRefusal(manifest, { ...embedder.identity, dimensions: embedder.dimensions }) : undefined;
    if (refusal) return err(refusal);
    const later = options.keywordsLaterAbove;
    const keywordLater = later !== undefined && withVectors && manifest.files.keyword.bytes > later;
    const loaded = await loadGeneration(dir, manifest, { withVectors, keyword: keywordLater ? 'later' : 'blocking' });
    if (!loaded.ok) return loaded;
    return ok(engineOn(loaded.value, parts, !keywordLater));
  });
}

/** The same generation with its keyword index loaded (without holding the event loop), and the full engine on it. */
export async function addKeywords(opened: OpenedEngine, parts: EngineParts): Promise<Result<OpenedEngine, CitebotError>> {
  const keyword = await loadKeywordIndex(opened.index.dir, opened.index.manifest, 'yielding');
  if (!keyword.ok) return keyword;
  return ok(engineOn({ ...opened.index, keyword: keyword.value }, parts, true));
}

function engineOn(index: LoadedIndex, parts: EngineParts, keywordReady: boolean): OpenedEngine {
  const modelId = index.vectors && parts.embedder ? parts.embedder.identity.id : null;
  const { settings, fusionCalibrated } = settingsFor(parts.calibration, modelId);
  if (!fusionCalibrated && keywordReady) {
    parts.logger.info(
      { model: modelId },
      'no fusion weight measured for this model in eval/calibration.json: using the default (thresholds carry over); `npm run cli -- eval --compare --write` measures one',
    );
  }
  // Until keywords are in, fusion has nothing to fuse: rank by vectors (confidence still rests on word coverage).
  const effective = keywordReady ? settings : { ...settings, fusion: { kind: 'dense' } as const };
  const engine = new AnswerEngine({
    index: { library: index.library, vectors: index.vectors, keyword: index.keyword, neighbours: neighboursFor(index, parts, keywordReady) },
    embedder: index.vectors ? parts.embedder : null,
    settings: effective,
    reranker: parts.reranker ?? null,
    ...(parts.synonyms ? { synonyms: parts.synonyms } : {}),
  });
  return { engine, index, keywordReady };
}

/** Word neighbours when both the table and the index's term graph are there and were made from the same table. */
function neighboursFor(index: LoadedIndex, parts: EngineParts, log: boolean): WordNeighbours | null {
  const { words, logger } = parts;
  if (!words) return null;
  if (!index.terms || index.manifest.lexicon?.table !== words.checksum) {
    if (log) {
      const why = index.terms ? 'the index was built with another word-vector table' : 'the index was built without the word-vector table';
      logger.warn(`${why}: answering from exact words until \`npm run index\` rebuilds its word neighbours`);
    }
    return null;
  }
  return new LexiconNeighbours(words, index.terms);
}
