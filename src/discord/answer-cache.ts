import { LRUCache } from 'lru-cache';
import type { Answer } from '../answer/types.js';

export type Vote = 'up' | 'down';

/** A paragraph shown on its own (/passage), not as part of an answer. */
export interface ShownPassage {
  readonly docId: string;
  readonly paragraph: number;
}

/** An answer kept so its buttons (paging, full paragraph, post, votes) and replies to it (follow-ups) can act on it. */
export interface CachedAnswer {
  readonly answer: Answer;
  readonly askerId: string;
  /** How the asker is named on a posted copy ("Asked by …"); a name, never a mention. */
  readonly askerName: string;
  readonly guildId: string | null;
  readonly pageSize: number;
  /** The conversation's questions before this one, oldest first: a follow-up to this answer continues it. */
  readonly context: readonly string[];
  /** Whether "Post to channel" may publish it: not a decline the server keeps private. */
  readonly postable: boolean;
  /** Set once the asker has posted it, so "Post to channel" works once. Mutable: buttons change it. */
  posted: boolean;
  /** Each member's latest vote; one per member. Mutable: buttons change it. */
  readonly votes: Map<string, Vote>;
}

const MAX_ANSWERS = 5_000;
const KEEP_MS = 24 * 60 * 60 * 1000;
/** Questions of a conversation carried into a follow-up; the engine weighs the latest two. */
export const MAX_CONTEXT = 4;

/**
 * Recent answers by id, in memory, which message shows which answer, and the
 * paragraphs /passage showed; a button on an answer older than a day (or from
 * before a restart) says so.
 */
export class AnswerCache {
  private readonly answers = new LRUCache<string, CachedAnswer>({ max: MAX_ANSWERS, ttl: KEEP_MS });
  private readonly messages = new LRUCache<string, string>({ max: MAX_ANSWERS, ttl: KEEP_MS });
  private readonly passages = new LRUCache<string, ShownPassage>({ max: MAX_ANSWERS, ttl: KEEP_MS });

  set(answerId: string, cached: CachedAnswer): void {
    this.answers.set(answerId, cached);
  }

  get(answerId: string): CachedAnswer | undefined {
    return this.answers.get(answerId);
  }

  /** Remembers that a message the bot sent shows this answer, so a reply to that message is a follow-up. */
  link(messageId: string, answerId: string): void {
    this.messages.set(messageId, answerId);
  }

  answerIdOf(messageId: string): string | undefined {
    return this.messages.get(messageId);
  }

  /** Remembers which paragraph a /passage reply shows (by the interaction's id), for its Cite button. */
  rememberPassage(id: string, passage: ShownPassage): void {
    this.passages.set(id, passage);
  }

  passage(id: string): ShownPassage | undefined {
    return this.passages.get(id);
  }
}

/** The conversation an answer closes: its earlier questions, then its own. */
export function conversationOf(cached: CachedAnswer): string[] {
  return [...cached.context, cached.answer.question].slice(-MAX_CONTEXT);
}
