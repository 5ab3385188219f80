import type { Vote } from '../answer-cache.js';
import { answerView } from '../answer-view.js';
import { firstPageRefs } from '../asking.js';
import { respond, updateMessage } from '../discord-io.js';
import { answerMessage } from '../render/answer-message.js';
import { voteCard } from '../render/vote-card.js';
import { type AnswerButtonHandler, onPrivateMessage } from './answer-button.js';

/**
 * 👍 / 👎: one vote per member per answer, which they can change. On a private
 * message the buttons change in place to show the vote; on a public answer the
 * member gets a private card showing their vote, where they can change it.
 */
export const vote: AnswerButtonHandler = async (interaction, context, id, cached) => {
  const choice: Vote = id.action === 'up' ? 'up' : 'down';
  const userId = interaction.user.id;
  const previous = cached.votes.get(userId);
  cached.votes.set(userId, choice);
  if (previous !== choice && cached.guildId) {
    await context.guilds.record(cached.guildId, {
      type: 'feedback',
      at: new Date(context.now()).toISOString(),
      answerId: id.answerId,
      userId,
      vote: choice,
      refs: firstPageRefs(cached),
    });
  }
  if (!onPrivateMessage(interaction)) return respond(interaction, voteCard(id.answerId, id.argument, choice), 'private');
  const isCard = interaction.message.embeds.length === 0;
  await updateMessage(
    interaction,
    isCard ? voteCard(id.answerId, id.argument, choice) : answerMessage(answerView(id.answerId, cached, id.argument, { isPrivate: true, viewerId: userId })),
  );
};
