import type { AnswerResult } from '../answer/types.js';
import type { CachedAnswer, Vote } from './answer-cache.js';

/** One page of an answer as one member sees it: what the renderer needs, nothing else. */
export interface AnswerView {
  /** Id of the cached answer the buttons refer to. */
  readonly answerId: string;
  readonly question: string;
  readonly answered: boolean;
  /** Exact-word mode (neither a model nor word vectors) misses answers worded differently: members are told. */
  readonly exactWordsOnly: boolean;
  /** The passages on this page, best first. */
  readonly results: readonly AnswerResult[];
  /** 0-based page number, how many pages there are, and the position of this page's first passage in the whole answer. */
  readonly page: number;
  readonly pageCount: number;
  readonly firstIndex: number;
  /** A private (ephemeral) message, seen by `viewer` alone. */
  readonly isPrivate: boolean;
  /** "Post to channel": on the asker's private copy, until it has been posted. */
  readonly canPost: boolean;
  /** The asker's private copy after posting: says "Posted ✓". */
  readonly posted: boolean;
  /** The viewer's vote, shown on private copies only (a public message is the same for everyone). */
  readonly vote: Vote | undefined;
  /** Set on the copy "Post to channel" publishes: who asked, as a name. */
  readonly askedBy: string | undefined;
}

export interface Showing {
  readonly isPrivate: boolean;
  /** The member the message is for (private) or who caused it (public). */
  readonly viewerId: string;
  readonly askedBy?: string;
}

export function answerView(answerId: string, cached: CachedAnswer, page: number, showing: Showing): AnswerView {
  const { answer, pageSize } = cached;
  const pageCount = Math.max(1, Math.ceil(answer.results.length / pageSize));
  const shownPage = Math.min(Math.max(0, page), pageCount - 1);
  const firstIndex = shownPage * pageSize;
  const isAskersCopy = showing.isPrivate && showing.viewerId === cached.askerId;
  return {
    answerId,
    question: answer.question,
    answered: answer.answered,
    exactWordsOnly: answer.mode === 'keyword',
    results: answer.results.slice(firstIndex, firstIndex + pageSize),
    page: shownPage,
    pageCount,
    firstIndex,
    isPrivate: showing.isPrivate,
    canPost: isAskersCopy && cached.postable && !cached.posted && answer.results.length > 0,
    posted: isAskersCopy && cached.posted,
    vote: showing.isPrivate ? cached.votes.get(showing.viewerId) : undefined,
    askedBy: showing.askedBy,
  };
}
