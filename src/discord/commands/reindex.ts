import { formatError } from '../../core/errors.js';
import { deferResponse, respond } from '../discord-io.js';
import { notice } from '../notices.js';
import { reindexMessage } from '../render/admin-messages.js';
import { moderatorCommand } from './moderator.js';
import { requireModerator } from './require-moderator.js';
import type { SlashCommand } from './slash-command.js';

export const reindexCommand: SlashCommand = {
  data: moderatorCommand('reindex', 'Rebuild the index from the corpus; the bot keeps answering meanwhile').addBooleanOption((option) =>
    option.setName('full').setDescription('Re-embed every document, not only the changed ones'),
  ),

  async execute(interaction, context) {
    if (!(await requireModerator(interaction))) return;
    const allowed = context.config.REINDEX_GUILDS;
    if (allowed.length > 0 && !allowed.includes(interaction.guildId ?? '')) {
      // The index is shared by every server; on a public bot only its owners' servers may rebuild it.
      return respond(interaction, notice('Reindexing is managed by the bot’s operators; their documents are reindexed for every server.'), 'private');
    }
    await deferResponse(interaction, 'private');
    const outcome = await context.engines.rebuild({ full: interaction.options.getBoolean('full') ?? false });
    context.logger.info({ guildId: interaction.guildId, userId: interaction.user.id, ok: outcome.ok }, '/reindex');
    if (outcome.ok) return respond(interaction, reindexMessage(outcome.value), 'private');
    // The fix is a maintainer's (a command on the server): it goes to the log; the moderator is told what happened.
    context.logger.error({ code: outcome.error.code }, `/reindex failed: ${formatError(outcome.error)}`);
    await respond(interaction, notice(`Reindex failed: ${outcome.error.message}. I’m still answering from the previous index; the bot’s operators will find the fix in its log.`), 'private');
  },
};
