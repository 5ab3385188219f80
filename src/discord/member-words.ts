import { MAX_QUESTION_CHARS } from '../answer/question.js';
import { type CitebotError, formatError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Refusal } from './asking.js';
import { cooldownNotice, notice } from './notices.js';
import type { MessagePayload } from './render/payload.js';

/**
 * What a member is told about an expected failure. The catalogue's wording is for
 * maintainers (it names CLI commands to run); members get a plain sentence, and
 * a failure only a maintainer can fix is logged with its exact fix.
 */
export function memberNotice(error: CitebotError, logger: Logger): MessagePayload {
  switch (error.code) {
    case 'QUESTION_EMPTY':
      return notice('There’s no question in that message. Ask me about the essays, for example: “What does the Kremlin want from the talks?”');
    case 'QUESTION_TOO_LONG':
      return notice(`That question is too long for me: I take up to ${MAX_QUESTION_CHARS} characters. Please shorten it to the point you want answered.`);
    case 'PASSAGE_REF_INVALID':
      return notice('That is not a passage reference. References look like `trump-putin-call#p3`; start typing in `ref` to search the essays.');
    case 'PASSAGE_NOT_FOUND':
      return notice('There is no such passage. Use `/sources` to see the essays and how many paragraphs each has.');
    default:
      logger.error({ code: error.code }, formatError(error));
      return notice('I can’t look anything up right now; the bot’s operators have been told. Please try again later.');
  }
}

/** The notice for a question that was not asked. */
export function refusalNotice(refusal: Refusal, logger: Logger): MessagePayload {
  return refusal.kind === 'cooldown' ? cooldownNotice(refusal.waitMs) : memberNotice(refusal.error, logger);
}
