import { setImmediate as nextTurn } from 'node:timers/promises';
import { cleanQuestion } from '../answer/question.js';
import type { Answer } from '../answer/types.js';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import type { GuildEvent } from '../guild/events.js';
import type { GuildSettings } from '../guild/settings.js';
import type { QuestionSource } from '../runtime/metrics.js';
import type { CachedAnswer } from './answer-cache.js';
import type { BotContext } from './bot-context.js';

/** Passages kept per answer for paging. */
const MAX_PASSAGES = 12;

/** Why a question was not asked: it has no question in it or is too long, or the member must wait. */
export type Refusal = { readonly kind: 'rejected'; readonly error: CitebotError } | { readonly kind: 'cooldown'; readonly waitMs: number };

export interface Asker {
  /** The id the answer is kept under: the interaction's or the question message's. */
  readonly answerId: string;
  readonly askerId: string;
  readonly askerName: string;
  readonly guildId: string | null;
  readonly settings: GuildSettings;
  readonly source: QuestionSource;
}

/**
 * The gate before the engine: a question that is empty or too long is refused
 * without costing the member their cooldown (it is recorded as rejected); a
 * question that will be searched starts the cooldown.
 */
export async function admitQuestion(
  context: BotContext,
  asker: Asker,
  raw: string,
  options: { readonly cooldown: boolean },
): Promise<Result<string, Refusal>> {
  const cleaned = cleanQuestion(raw);
  if (!cleaned.ok) {
    context.metrics.recordQuestion(asker.source, 'rejected');
    await record(context, asker.guildId, { ...questionEvent(context, asker.answerId), answered: false, outcome: 'rejected', latencyMs: 0, refs: [] });
    return err({ kind: 'rejected', error: cleaned.error });
  }
  if (options.cooldown) {
    const key = `${asker.guildId ?? 'dm'}:${asker.askerId}`;
    const waitMs = context.cooldowns.take(key, asker.settings.cooldownSeconds * 1000, context.now());
    if (waitMs > 0) return err({ kind: 'cooldown', waitMs });
  }
  return ok(cleaned.value);
}

/**
 * The shared path of /ask, "Find in essays", mentions, follow-ups and forum
 * posts: ask the current engine (with the conversation's earlier questions),
 * record the outcome for /stats and /metrics, and keep the answer for its
 * buttons and for replies to it.
 */
export async function askQuestion(
  context: BotContext,
  asker: Asker,
  question: string,
  conversation: readonly string[],
): Promise<Result<CachedAnswer, CitebotError>> {
  const current = context.engines.current();
  if (!current) return err(citebotError('INDEX_MISSING', { dir: context.config.INDEX_DIR }));
  // Questions are members' words: only at debug level, to trace what a follow-up was asked with.
  if (conversation.length > 0) context.logger.debug({ answerId: asker.answerId, question, conversation }, 'asking a follow-up with its conversation');
  // Answering is CPU work that would otherwise run before the event loop reads the next interactions:
  // in a burst, their acknowledgements (Discord allows 3 s) would wait behind every earlier answer.
  await nextTurn();
  const started = context.now();
  const asked = await current.engine.ask(question, { limit: MAX_PASSAGES, strictness: asker.settings.strictness, context: conversation });
  const seconds = (context.now() - started) / 1000;
  if (!asked.ok) {
    context.metrics.recordQuestion(asker.source, 'rejected');
    return asked;
  }
  const answer = asked.value;
  context.metrics.recordQuestion(asker.source, answer.answered ? 'answered' : 'abstained', seconds);
  const cached: CachedAnswer = {
    answer,
    askerId: asker.askerId,
    askerName: asker.askerName,
    guildId: asker.guildId,
    pageSize: asker.settings.passages,
    context: conversation,
    postable: mayShowPublicly(answer, asker.settings),
    posted: false,
    votes: new Map(),
  };
  context.answers.set(asker.answerId, cached);
  await record(context, asker.guildId, {
    ...questionEvent(context, asker.answerId),
    answered: answer.answered,
    outcome: answer.answered ? 'answered' : 'declined',
    ...(answer.answered ? {} : { question: answer.question }),
    latencyMs: Math.round(seconds * 1000),
    refs: answer.answered ? firstPageRefs(cached) : [],
    mode: answer.mode,
  });
  return ok(cached);
}

/**
 * An answer may be shown publicly unless it is a decline: those are private
 * unless the server opted in, and a decline with nothing close to show (gibberish)
 * is never public.
 */
function mayShowPublicly(answer: Answer, settings: GuildSettings): boolean {
  return answer.answered || (settings.publicDeclines && answer.results.length > 0);
}

export function firstPageRefs(cached: CachedAnswer): string[] {
  return cached.answer.results.slice(0, cached.pageSize).map((result) => result.ref);
}

function questionEvent(context: BotContext, answerId: string) {
  return { type: 'question' as const, at: new Date(context.now()).toISOString(), answerId, mode: context.engines.current()?.engine.mode ?? 'keyword' };
}

/** /stats is not worth failing an answer for: a write that fails is logged. */
async function record(context: BotContext, guildId: string | null, event: GuildEvent): Promise<void> {
  if (!guildId) return;
  await context.guilds.record(guildId, event).catch((error: unknown) => context.logger.warn({ err: error }, 'could not record the question for /stats'));
}
