import type { Answer } from '../answer/types.js';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import type { GuildSettings } from '../guild/settings.js';
import type { QuestionSource } from '../runtime/metrics.js';
import type { BotContext } from './bot-context.js';
import type { AnswerView } from './render/answer-message.js';

/** Passages kept per answer for paging with "More passages". */
const MAX_PASSAGES = 12;

export interface Asked {
  readonly answer: Answer;
  readonly view: AnswerView;
}

/**
 * The shared path of /ask, mentions and replies: ask the current engine, record
 * the question for /stats and /metrics, keep the answer for its buttons, and
 * return the first page to show.
 */
export async function askQuestion(
  context: BotContext,
  request: {
    readonly answerId: string;
    readonly question: string;
    readonly askerId: string;
    readonly guildId: string | null;
    readonly settings: GuildSettings;
    readonly isPrivate: boolean;
    readonly source: QuestionSource;
  },
): Promise<Result<Asked, CitebotError>> {
  const current = context.engines.current();
  if (!current) return err(citebotError('INDEX_MISSING', { dir: context.config.INDEX_DIR }));
  const started = context.now();
  const asked = await current.engine.ask(request.question, { limit: MAX_PASSAGES, strictness: request.settings.strictness });
  const seconds = (context.now() - started) / 1000;
  if (!asked.ok) {
    context.metrics.recordQuestion(request.source, 'rejected');
    return asked;
  }
  const answer = asked.value;
  context.metrics.recordQuestion(request.source, answer.answered ? 'answered' : 'abstained', seconds);
  const pageSize = request.settings.passages;
  context.answers.set(request.answerId, { answer, askerId: request.askerId, guildId: request.guildId, pageSize, isPrivate: request.isPrivate });
  if (request.guildId) {
    await context.guilds
      .record(request.guildId, {
        type: 'question',
        at: new Date(context.now()).toISOString(),
        answerId: request.answerId,
        answered: answer.answered,
        latencyMs: Math.round(seconds * 1000),
        refs: answer.answered ? answer.results.slice(0, pageSize).map((result) => result.ref) : [],
        mode: answer.mode,
      })
      .catch((error: unknown) => context.logger.warn({ err: error }, 'could not record the question for /stats'));
  }
  return ok({ answer, view: pageView(request.answerId, answer, 0, pageSize, request.isPrivate) });
}

/** Page `page` of an answer, as the renderer wants it. */
export function pageView(answerId: string, answer: Answer, page: number, pageSize: number, isPrivate: boolean): AnswerView {
  const firstIndex = page * pageSize;
  return {
    answerId,
    question: answer.question,
    answered: answer.answered,
    mode: answer.mode,
    results: answer.results.slice(firstIndex, firstIndex + pageSize),
    page,
    firstIndex,
    hasMore: answer.results.length > firstIndex + pageSize,
    isPrivate,
  };
}
