import { type ButtonInteraction, MessageFlags } from 'discord.js';
import { type Passage, passageAt } from '../answer/passages.js';
import type { AnswerResult } from '../answer/types.js';
import { DEFAULT_GUILD_SETTINGS, isChannelAllowed } from '../guild/settings.js';
import { pageView } from './asking.js';
import type { BotContext } from './bot-context.js';
import { handleCiteButton, isCiteButton, withCiteButton } from './cite-button.js';
import { requireModerator } from './commands/require-moderator.js';
import { type ButtonId, parseButtonId } from './custom-ids.js';
import { respond, updateMessage } from './discord-io.js';
import { settingsFor } from './guild-settings.js';
import { channelNotice, expiredNotice, notice } from './notices.js';
import { settingsMessage } from './render/admin-messages.js';
import { answerMessage } from './render/answer-message.js';
import { passageMessage } from './render/passage-message.js';

/** Routes a button click; unknown or stale buttons get a short private notice. */
export async function handleButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  if (isCiteButton(interaction.customId)) return handleCiteButton(interaction, context);
  const id = parseButtonId(interaction.customId);
  if (!id) return respond(interaction, notice('That button is not one of mine any more.'), 'private');
  if (id.action === 'reset') return resetSettings(interaction, context, id);
  const cached = context.answers.get(id.answerId);
  if (!cached) return respond(interaction, expiredNotice, 'private');
  const onPrivateMessage = interaction.message.flags.has(MessageFlags.Ephemeral);

  switch (id.action) {
    case 'more': {
      const view = pageView(id.answerId, cached.answer, id.argument, cached.pageSize, onPrivateMessage);
      // A private answer pages in place; on a public one, the next page goes to the clicker alone.
      if (onPrivateMessage) return updateMessage(interaction, answerMessage(view));
      return respond(interaction, answerMessage({ ...view, isPrivate: true }), 'private');
    }
    case 'full': {
      const result = cached.answer.results[id.argument];
      if (!result) return respond(interaction, expiredNotice, 'private');
      return respond(interaction, withCiteButton(passageMessage(currentPassage(context, result)), result.ref), 'private');
    }
    case 'post': {
      if (interaction.user.id !== cached.askerId) {
        return respond(interaction, notice('Only the member who asked can post this answer to the channel.'), 'private');
      }
      const settings = cached.guildId ? await settingsFor(context, cached.guildId) : DEFAULT_GUILD_SETTINGS;
      const channel = interaction.channel;
      const parentId = channel && 'parentId' in channel ? (channel.parentId ?? null) : null;
      if (interaction.guildId && !isChannelAllowed(settings, interaction.channelId, parentId)) {
        return respond(interaction, channelNotice(settings.allowedChannels), 'private');
      }
      const view = pageView(id.answerId, cached.answer, id.argument, cached.pageSize, false);
      return respond(interaction, answerMessage(view), 'public');
    }
    case 'up':
    case 'down': {
      if (cached.guildId) {
        await context.guilds.record(cached.guildId, {
          type: 'feedback',
          at: new Date(context.now()).toISOString(),
          answerId: id.answerId,
          userId: interaction.user.id,
          vote: id.action,
          refs: cached.answer.results.slice(0, cached.pageSize).map((result) => result.ref),
        });
      }
      return respond(interaction, notice(`Thanks for the feedback ${id.action === 'up' ? '👍' : '👎'} — it helps moderators tune the bot.`), 'private');
    }
  }
}

/** The paragraph as it is in the current index, or as it was quoted if the document has since gone. */
function currentPassage(context: BotContext, result: AnswerResult): Passage {
  const library = context.engines.current()?.index.library;
  const now = library && passageAt(library, result.docId, result.paragraph);
  return (
    now ?? {
      ref: result.ref,
      docId: result.docId,
      title: result.title,
      section: result.section,
      paragraph: result.paragraph,
      text: result.text,
      attribution: result.attribution,
      sourceUrl: result.sourceUrl,
      start: result.textStart,
      end: result.textStart + result.text.length,
    }
  );
}

async function resetSettings(interaction: ButtonInteraction, context: BotContext, id: ButtonId): Promise<void> {
  if (!(await requireModerator(interaction))) return;
  // The button names its server; a copy of it elsewhere must not reset another server's settings.
  if (interaction.guildId !== id.answerId) return respond(interaction, notice('That button belongs to another server.'), 'private');
  const settings = await context.guilds.updateSettings(id.answerId, () => DEFAULT_GUILD_SETTINGS);
  context.logger.info({ guildId: id.answerId, userId: interaction.user.id }, 'settings reset');
  await respond(interaction, settingsMessage(id.answerId, settings), 'private');
}
