import { answerView } from '../answer-view.js';
import { acknowledgeClick, editClicked, publish, respond } from '../discord-io.js';
import { servesChannel, settingsFor } from '../guild-settings.js';
import { channelNotice, notice } from '../notices.js';
import { answerMessage } from '../render/answer-message.js';
import type { AnswerButtonHandler } from './answer-button.js';

/**
 * "Post to channel", on the asker's private answer: publishes the answer's first
 * page once, saying who asked (a name, no ping), then turns the private copy into
 * "Posted ✓" without the button. A second press (two clicks in flight, an old
 * client) is told it is already posted.
 */
export const postToChannel: AnswerButtonHandler = async (interaction, context, id, cached) => {
  if (interaction.user.id !== cached.askerId) {
    return respond(interaction, notice('Only the member who asked can post this answer to the channel.'), 'private');
  }
  if (!cached.postable) return respond(interaction, notice('This answer stays private: the essays don’t cover the question.'), 'private');
  if (cached.posted) return respond(interaction, notice('This answer is already posted in the channel.'), 'private');
  // Claimed before the first await, so a double click publishes once.
  cached.posted = true;
  try {
    const settings = await settingsFor(context, cached.guildId);
    if (!servesChannel(settings, interaction.guildId, interaction.channelId, interaction.channel)) {
      cached.posted = false;
      return respond(interaction, channelNotice(settings.allowedChannels), 'private');
    }
    await acknowledgeClick(interaction);
    const published = answerView(id.answerId, cached, 0, { isPrivate: false, viewerId: cached.askerId, askedBy: cached.askerName });
    const message = await publish(interaction, answerMessage(published));
    context.answers.link(message.id, id.answerId);
  } catch (error) {
    cached.posted = false;
    throw error;
  }
  await editClicked(interaction, answerMessage(answerView(id.answerId, cached, id.argument, { isPrivate: true, viewerId: interaction.user.id })));
};
