import { SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_CHARS } from '../../answer/question.js';
import { answerInteraction } from '../interaction-answer.js';
import type { SlashCommand } from './slash-command.js';

export const askCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question; the answer quotes the essays, with citations')
    .addStringOption((option) =>
      option.setName('question').setDescription('Your question').setRequired(true).setMaxLength(MAX_QUESTION_CHARS),
    )
    .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer')),

  async execute(interaction, context) {
    await answerInteraction(interaction, context, {
      raw: interaction.options.getString('question', true),
      wantsPrivate: interaction.options.getBoolean('private'),
      source: 'slash',
    });
  },
};
