import { answerView } from '../answer-view.js';
import { respond, updateMessage } from '../discord-io.js';
import { answerMessage } from '../render/answer-message.js';
import { type AnswerButtonHandler, onPrivateMessage } from './answer-button.js';

/**
 * ◀ Previous / Next ▶. A private answer pages in place; on a public one, the
 * page goes to the clicker alone (the channel's message stays as it is), and
 * pages on from there in place.
 */
export const turnPage: AnswerButtonHandler = async (interaction, _context, id, cached) => {
  const view = answerView(id.answerId, cached, id.argument, { isPrivate: true, viewerId: interaction.user.id });
  if (onPrivateMessage(interaction)) return updateMessage(interaction, answerMessage(view));
  await respond(interaction, answerMessage(view), 'private');
};
