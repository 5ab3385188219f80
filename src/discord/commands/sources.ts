import { SlashCommandBuilder } from 'discord.js';
import { citebotError } from '../../core/errors.js';
import { respond } from '../discord-io.js';
import { memberNotice } from '../member-words.js';
import { sourcesMessage } from '../render/admin-messages.js';
import type { SlashCommand } from './slash-command.js';

export const sourcesCommand: SlashCommand = {
  data: new SlashCommandBuilder().setName('sources').setDescription('List the essays citebot answers from'),

  async execute(interaction, context) {
    const current = context.engines.current();
    if (!current) return respond(interaction, memberNotice(citebotError('INDEX_MISSING', { dir: context.config.INDEX_DIR }), context.logger), 'private');
    await respond(interaction, sourcesMessage(current.index, current.engine.mode), 'private');
  },
};
