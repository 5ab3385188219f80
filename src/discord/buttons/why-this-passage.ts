import { respond } from '../discord-io.js';
import { expiredNotice } from '../notices.js';
import { whyMessage } from '../render/why-message.js';
import type { AnswerButtonHandler } from './answer-button.js';

/** "Why ¶N?": the words that matched, to the clicker alone. */
export const explainPassage: AnswerButtonHandler = async (interaction, _context, id, cached) => {
  const result = cached.answer.results[id.argument];
  if (!result) return respond(interaction, expiredNotice, 'private');
  await respond(interaction, whyMessage(cached.answer.question, result), 'private');
};
