import { paragraphRef } from '../corpus/document.js';
import type { CitebotError } from '../core/errors.js';
import { ok, type Result } from '../core/result.js';
import type { Synonyms } from '../lexicon/synonyms.js';
import { expectedAnswerType, holdsAnswerType } from './answer-type.js';
import { gatherCandidates } from './candidates.js';
import { closestWhenDeclined } from './closest.js';
import { ChunkTerms } from './chunk-terms.js';
import { type FusionStrategy, fuse } from './fusion.js';
import { type ExpandedTerm, expandQuery } from './meaning.js';
import { CONTEXT_WEIGHTS, queryTerms } from './query.js';
import { cleanQuestion } from './question.js';
import { DEFAULT_QUOTE_LIMITS, type QuoteLimits } from './quote.js';
import { chunkMatchText, passageResult } from './result.js';
import type { QueryEmbedder, SearchIndex } from './search-index.js';
import { DEFAULTS, type RetrievalSettings } from './settings.js';
import type { Answer, AnswerResult, RetrievalMode, Strictness } from './types.js';

export interface AskOptions {
  /** Most passages to return; the first is the best. */
  readonly limit?: number;
  readonly strictness?: Strictness;
  /** Overrides the calibrated threshold; evaluation uses -Infinity to see the full ranking. */
  readonly minConfidence?: number;
  /**
   * Earlier questions of the same conversation, oldest first (a reply to an
   * answer, a thread). They supply the topic a follow-up leaves out; the new
   * question's own words weigh most.
   */
  readonly context?: readonly string[];
}

/** Reorders the best candidates with a slower, sharper model (a cross-encoder). */
export interface Reranker {
  rerank(question: string, passages: readonly string[]): Promise<number[]>;
}

export interface AnswerEngineParts {
  readonly index: SearchIndex;
  /** Null when no model could be loaded: the engine then answers from words alone. */
  readonly embedder: QueryEmbedder | null;
  readonly settings?: RetrievalSettings;
  readonly reranker?: Reranker | null;
  readonly quoteLimits?: QuoteLimits;
  /** Words the maintainer declared equivalent (SYNONYMS_FILE); none by default. */
  readonly synonyms?: Synonyms;
}

interface Ranked {
  readonly label: number;
  readonly score: number;
}

const DEFAULT_LIMIT = 3;
/** Passages on the first page a user sees (Discord shows three). */
const FIRST_PAGE = 3;
/** Another essay's passage joins the first page if it scores at least this share of the best. */
const OTHER_SOURCE_SHARE = 0.75;
const RERANK_DEPTH = 20;

/**
 * Question in, cited verbatim excerpts out, or an honest "not covered". Pure apart
 * from the parts it is given, so it is tested with in-memory indexes and embedders.
 */
export class AnswerEngine {
  readonly mode: RetrievalMode;
  private readonly settings: RetrievalSettings;
  private readonly strategy: FusionStrategy;
  private readonly chunkTerms: ChunkTerms;

  constructor(private readonly parts: AnswerEngineParts) {
    this.settings = parts.settings ?? DEFAULTS;
    const dense = parts.embedder !== null && parts.index.vectors !== null;
    this.strategy = dense ? this.settings.fusion : { kind: 'lexical' };
    this.mode = modeOf(this.strategy, parts.index.neighbours !== null);
    const library = parts.index.library;
    this.chunkTerms = new ChunkTerms((label) => {
      const chunk = library.chunk(label);
      return chunk ? chunkMatchText(library, chunk) : '';
    });
  }

  get index(): SearchIndex {
    return this.parts.index;
  }

  async ask(rawQuestion: string, options: AskOptions = {}): Promise<Result<Answer, CitebotError>> {
    const cleaned = cleanQuestion(rawQuestion);
    if (!cleaned.ok) return cleaned;
    const question = cleaned.value;
    const limit = Math.max(1, options.limit ?? DEFAULT_LIMIT);
    const context = (options.context ?? []).flatMap((earlier) => {
      const cleanedEarlier = cleanQuestion(earlier);
      return cleanedEarlier.ok ? [cleanedEarlier.value] : [];
    });
    const expanded = expandQuery(queryTerms(question, context), this.parts.index.neighbours, this.settings.meaning, this.parts.synonyms);
    const vector = await this.queryVector(question, context);

    const candidates = gatherCandidates(this.parts.index, expanded, this.chunkTerms, vector, this.settings.candidates);
    const coverageOf = new Map(candidates.map((candidate) => [candidate.label, candidate.coverage]));
    const ranked = this.distinctParagraphs(await this.rerank(question, fuse(candidates, this.strategy)));
    const confidence = this.confidence(question, ranked, coverageOf);
    const calibrated = this.threshold(options.strictness ?? 'normal');
    const answered = confidence >= (options.minConfidence ?? calibrated);
    const chosen = answered
      ? this.showBothSources(ranked, limit, (ranked[0]?.score ?? 0) * OTHER_SOURCE_SHARE)
      : closestWhenDeclined(ranked, (candidate) => coverageOf.get(candidate.label) ?? 0, calibrated);

    const results = chosen.map((candidate) => this.result(candidate, expanded));
    return ok({ question, answered, mode: this.mode, confidence, results: dropRepeatedQuotes(results) });
  }

  /**
   * How well the passages shown first answer the question: the best soft
   * coverage among them, where a passage that lacks the kind of answer the
   * question asks for (a date, a number, a person) counts for less — it covers
   * the topic, not the question.
   */
  private confidence(question: string, ranked: readonly Ranked[], coverageOf: ReadonlyMap<number, number>): number {
    const type = expectedAnswerType(question);
    const library = this.parts.index.library;
    const passageConfidence = ({ label }: Ranked) => {
      const coverage = coverageOf.get(label) ?? 0;
      const chunk = library.chunk(label);
      if (!type || !chunk) return coverage;
      return holdsAnswerType(chunkMatchText(library, chunk), type, question) ? coverage : coverage * ANSWER_TYPE_MISSING;
    };
    return Math.max(0, ...ranked.slice(0, CONFIDENCE_DEPTH).map(passageConfidence));
  }

  /** Lowest confidence that counts as an answer in this engine's mode. */
  threshold(strictness: Strictness = 'normal'): number {
    return this.settings.minConfidence[this.mode] + this.settings.strictnessShift[strictness];
  }

  /**
   * The question's embedding, pulled toward the conversation's earlier questions
   * (the last one at half weight, the one before at a quarter).
   */
  private async queryVector(question: string, context: readonly string[]): Promise<Float32Array | null> {
    const embedder = this.parts.embedder;
    if (this.strategy.kind === 'lexical' || !embedder) return null;
    const earlier = context.slice(-CONTEXT_WEIGHTS.length).reverse();
    const vectors = await Promise.all([question, ...earlier].map((text) => embedder.embedQuery(text)));
    if (vectors.length === 1) return vectors[0]!;
    const mixed = new Float32Array(vectors[0]!.length);
    vectors.forEach((vector, i) => {
      const weight = i === 0 ? 1 : (CONTEXT_WEIGHTS[i - 1] ?? 0);
      for (let d = 0; d < mixed.length; d += 1) mixed[d]! += weight * (vector[d] ?? 0);
    });
    const norm = Math.hypot(...mixed) || 1;
    return mixed.map((x) => x / norm);
  }

  private async rerank(question: string, ranked: Ranked[]): Promise<Ranked[]> {
    const reranker = this.parts.reranker;
    if (!reranker || ranked.length < 2) return ranked;
    const head = ranked.slice(0, RERANK_DEPTH);
    const texts = head.map(({ label }) => {
      const chunk = this.parts.index.library.chunk(label);
      return chunk ? this.parts.index.library.text(chunk.docId, chunk.span) : '';
    });
    const order = await reranker.rerank(question, texts);
    // The reranker decides the order; confidence still rests on coverage.
    const reordered = head.map((candidate, i) => ({ candidate, rank: order[i] ?? 0 })).sort((a, b) => b.rank - a.rank);
    return [...reordered.map(({ candidate }) => candidate), ...ranked.slice(RERANK_DEPTH)];
  }

  /**
   * When the first page holds passages of one document only and another document
   * has a passage scoring at least `bar`, that passage takes the first page's last
   * place: a reader should see that both essays speak to the question.
   */
  private showBothSources(ranked: readonly Ranked[], limit: number, bar: number): Ranked[] {
    const chosen = ranked.slice(0, limit);
    const page = Math.min(limit, FIRST_PAGE);
    const docOf = (candidate: Ranked) => this.parts.index.library.chunk(candidate.label)?.docId;
    const firstPage = chosen.slice(0, page);
    if (page < 2 || new Set(firstPage.map(docOf)).size > 1) return chosen;
    const other = ranked.find((candidate) => docOf(candidate) !== docOf(firstPage[0]!) && candidate.score >= bar);
    if (!other) return chosen;
    const rest = ranked.filter((candidate) => candidate !== other);
    return [...rest.slice(0, page - 1), other, ...rest.slice(page - 1)].slice(0, limit);
  }

  /** Keeps the best chunk of each paragraph: two parts of one paragraph are one passage to a reader. */
  private distinctParagraphs(ranked: readonly Ranked[]): Ranked[] {
    const seen = new Set<string>();
    return ranked.filter(({ label }) => {
      const chunk = this.parts.index.library.chunk(label);
      if (!chunk) return false;
      const key = paragraphRef(chunk.docId, chunk.paragraph);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  private result({ label, score }: Ranked, expanded: readonly ExpandedTerm[]): AnswerResult {
    const { library, keyword } = this.parts.index;
    const quoteLimits = this.parts.quoteLimits ?? DEFAULT_QUOTE_LIMITS;
    return passageResult(library, library.chunk(label)!, score, expanded, (term) => keyword.idf(term), quoteLimits, this.chunkTerms.of(label));
  }
}

/** Passages a reader sees first; the answer is as good as the best-covering of them. */
const CONFIDENCE_DEPTH = FIRST_PAGE;
/** Confidence kept when the question asks for a kind of answer (a date, a number) that no first passage holds. */
const ANSWER_TYPE_MISSING = 0.5;

function modeOf(strategy: FusionStrategy, hasNeighbours: boolean): RetrievalMode {
  if (strategy.kind === 'dense') return 'dense';
  if (strategy.kind !== 'lexical') return 'fused';
  return hasNeighbours ? 'lexical' : 'keyword';
}

/** Two paragraphs can repeat a sentence word for word; a reader should see it once. */
function dropRepeatedQuotes(results: readonly AnswerResult[]): AnswerResult[] {
  const seen = new Set<string>();
  return results.filter((result) => {
    const key = result.quote.replace(/\s+/g, ' ').trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
