import { summarizeEvents } from '../../guild/stats.js';
import { respond } from '../discord-io.js';
import { statsMessage } from '../render/admin-messages.js';
import { moderatorCommand } from './moderator.js';
import { requireModerator } from './require-moderator.js';
import type { SlashCommand } from './slash-command.js';

export const statsCommand: SlashCommand = {
  data: moderatorCommand('stats', 'Questions, answers, latency, most-cited paragraphs and feedback in this server'),

  async execute(interaction, context) {
    if (!(await requireModerator(interaction)) || !interaction.guildId) return;
    const stats = summarizeEvents(await context.guilds.events(interaction.guildId));
    await respond(interaction, statsMessage(stats), 'private');
  },
};
