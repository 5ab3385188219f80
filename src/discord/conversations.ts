import { LRUCache } from 'lru-cache';
import { MAX_CONTEXT } from './answer-cache.js';

const MAX_THREADS = 5_000;
const KEEP_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The questions asked so far in each thread the bot answers in (threads it
 * opened for a mention, and help-forum posts), oldest first, so that any later
 * question there is asked with them. In memory: after a restart a thread the bot
 * opened falls back to its name, which is its first question.
 */
export class ThreadConversations {
  private readonly threads = new LRUCache<string, readonly string[]>({ max: MAX_THREADS, ttl: KEEP_MS });

  get(threadId: string): readonly string[] | undefined {
    return this.threads.get(threadId);
  }

  add(threadId: string, question: string): void {
    this.threads.set(threadId, [...(this.threads.get(threadId) ?? []), question].slice(-MAX_CONTEXT));
  }
}
