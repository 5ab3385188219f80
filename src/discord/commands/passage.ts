import { SlashCommandBuilder } from 'discord.js';
import { findPassage } from '../../answer/passages.js';
import { citebotError } from '../../core/errors.js';
import { respond, suggest } from '../discord-io.js';
import { questionProblem } from '../notices.js';
import { passageSuggestions } from '../passage-suggestions.js';
import { withCiteButton } from '../cite-button.js';
import { passageMessage } from '../render/passage-message.js';
import type { SlashCommand } from './slash-command.js';

export const passageCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('passage')
    .setDescription('Show a whole paragraph of an essay, verbatim, with its citation')
    .addStringOption((option) =>
      option.setName('ref').setDescription('Paragraph reference, like trump-putin-call#p5 (start typing to search)').setRequired(true).setAutocomplete(true).setMaxLength(100),
    )
    .addBooleanOption((option) => option.setName('private').setDescription('Only you see it')),

  async execute(interaction, context) {
    const visibility = interaction.options.getBoolean('private') ? 'private' : 'public';
    const current = context.engines.current();
    if (!current) return respond(interaction, questionProblem(citebotError('INDEX_MISSING', { dir: context.config.INDEX_DIR })), 'private');
    const passage = findPassage(current.index.library, interaction.options.getString('ref', true));
    if (!passage.ok) return respond(interaction, questionProblem(passage.error), 'private');
    await respond(interaction, withCiteButton(passageMessage(passage.value), passage.value.ref), visibility);
  },

  async autocomplete(interaction, context) {
    const current = context.engines.current();
    await suggest(interaction, current ? passageSuggestions(current.engine.index, interaction.options.getFocused()) : []);
  },
};
