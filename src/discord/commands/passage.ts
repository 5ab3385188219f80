import { SlashCommandBuilder } from 'discord.js';
import { findPassage, parsePageRef, parsePassageRef } from '../../answer/passages.js';
import { citebotError } from '../../core/errors.js';
import type { Library } from '../../index/library.js';
import { respond, suggest } from '../discord-io.js';
import { memberNotice } from '../member-words.js';
import { notice } from '../notices.js';
import { passageSuggestions } from '../passage-suggestions.js';
import { citeButtonFor } from '../render/passage-controls.js';
import { passageMessage } from '../render/passage-message.js';
import type { MessagePayload } from '../render/payload.js';
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
    if (!current) return respond(interaction, memberNotice(citebotError('INDEX_MISSING', { dir: context.config.INDEX_DIR }), context.logger), 'private');
    const ref = interaction.options.getString('ref', true);
    const passage = findPassage(current.index.library, ref);
    if (passage.ok) {
      context.answers.rememberPassage(interaction.id, { docId: passage.value.docId, paragraph: passage.value.paragraph });
      return respond(interaction, passageMessage(passage.value, [citeButtonFor(interaction.id, 0, passage.value.paragraph)]), visibility);
    }
    const problem = passage.error.code === 'PASSAGE_NOT_FOUND' ? noSuchPassage(current.index.library, ref) : memberNotice(passage.error, context.logger);
    await respond(interaction, problem, 'private');
  },

  async autocomplete(interaction, context) {
    const current = context.engines.current();
    await suggest(interaction, current ? passageSuggestions(current.engine.index, interaction.options.getFocused()) : []);
  },
};

/** Says what is wrong with a well-formed reference: no such essay, or an essay with fewer paragraphs (or without that page). */
function noSuchPassage(library: Library, ref: string): MessagePayload {
  const page = parsePageRef(ref);
  if (page && library.document(page.docId)) {
    // The id and label come from the reference's pattern (letters, digits, dashes), so they are safe to repeat.
    return notice(`No paragraph of \`${page.docId}\` is printed on page ${page.label}. Use \`/sources\` to see the essays.`);
  }
  const parsed = parsePassageRef(ref);
  const document = parsed.ok ? library.document(parsed.value.docId) : undefined;
  if (!parsed.ok || !document) return notice('There is no essay by that name. Use `/sources` to see the essays.');
  // The id and number come from the reference's pattern (letters, digits, dashes), so they are safe to repeat.
  const { docId, paragraph } = parsed.value;
  return notice(`There is no paragraph ${paragraph} in \`${docId}\`: it has ${document.paragraphs.length}. Use \`/sources\` to see the essays and their paragraph counts.`);
}
