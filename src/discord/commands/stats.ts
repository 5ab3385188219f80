import { paragraphRef } from '../../corpus/document.js';
import { statsCsv } from '../../guild/stats-csv.js';
import { summarizeEvents } from '../../guild/stats.js';
import { respond } from '../discord-io.js';
import { statsMessage } from '../render/stats-message.js';
import { moderatorCommand } from './moderator.js';
import { requireModerator } from './require-moderator.js';
import type { SlashCommand } from './slash-command.js';

export const statsCommand: SlashCommand = {
  data: moderatorCommand('stats', 'Questions, answers, gaps in the essays, never-cited paragraphs and feedback in this server').addBooleanOption(
    (option) => option.setName('csv').setDescription('Also attach the full lists as a CSV file'),
  ),

  async execute(interaction, context) {
    if (!(await requireModerator(interaction)) || !interaction.guildId) return;
    const library = context.engines.current()?.index.library;
    const paragraphs = (library?.documents ?? []).flatMap((document) => document.paragraphs.map((paragraph) => paragraphRef(document.id, paragraph.number)));
    const stats = summarizeEvents(await context.guilds.events(interaction.guildId), paragraphs);
    const csv = interaction.options.getBoolean('csv') ? { name: `citebot-stats-${interaction.guildId}.csv`, data: Buffer.from(statsCsv(stats), 'utf8') } : undefined;
    await respond(interaction, statsMessage(stats, csv), 'private');
  },
};
