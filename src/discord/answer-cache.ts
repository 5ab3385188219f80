import { LRUCache } from 'lru-cache';
import type { Answer } from '../answer/types.js';

/** An answer kept so its buttons (more passages, full paragraph, post, feedback) can act on it. */
export interface CachedAnswer {
  readonly answer: Answer;
  readonly askerId: string;
  readonly guildId: string | null;
  readonly pageSize: number;
  readonly isPrivate: boolean;
}

const MAX_ANSWERS = 5_000;
const KEEP_MS = 24 * 60 * 60 * 1000;

/** Recent answers by id, in memory; a button on an answer older than a day (or from before a restart) says so. */
export class AnswerCache {
  private readonly answers = new LRUCache<string, CachedAnswer>({ max: MAX_ANSWERS, ttl: KEEP_MS });

  set(answerId: string, cached: CachedAnswer): void {
    this.answers.set(answerId, cached);
  }

  get(answerId: string): CachedAnswer | undefined {
    return this.answers.get(answerId);
  }
}
