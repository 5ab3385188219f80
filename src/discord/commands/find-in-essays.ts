import { ApplicationCommandType, ContextMenuCommandBuilder, InteractionContextType } from 'discord.js';
import { respond } from '../discord-io.js';
import { answerInteraction } from '../interaction-answer.js';
import { noTextNotice } from '../notices.js';
import { firstWords } from '../question-text.js';
import type { MessageCommand } from './message-command.js';

/**
 * "Find in essays" in a message's Apps menu: answers privately from that
 * message's text, with "Post to channel" for the member who asked. Discord sends
 * the message's text with the command, so it needs no Message Content intent.
 */
export const findInEssaysCommand: MessageCommand = {
  data: new ContextMenuCommandBuilder()
    .setName('Find in essays')
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),

  async execute(interaction, context) {
    const text = interaction.targetMessage.content;
    if (text.trim() === '') return respond(interaction, noTextNotice, 'private');
    await answerInteraction(interaction, context, { raw: firstWords(text), wantsPrivate: true, source: 'message-command' });
  },
};
