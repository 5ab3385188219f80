import { DEFAULT_GUILD_SETTINGS } from '../../guild/settings.js';
import { requireModerator } from '../commands/require-moderator.js';
import { respond, updateMessage } from '../discord-io.js';
import { settingsFor } from '../guild-settings.js';
import { notice } from '../notices.js';
import { resetConfirmMessage, settingsMessage } from '../render/settings-message.js';
import type { ButtonHandler } from './answer-button.js';

/**
 * The settings buttons name their server; a copy of one elsewhere must not act
 * on another server, and only moderators may press them.
 */
async function mayChangeSettings(...[interaction, , id]: Parameters<ButtonHandler>): Promise<boolean> {
  if (!(await requireModerator(interaction))) return false;
  if (interaction.guildId === id.answerId) return true;
  await respond(interaction, notice('That button belongs to another server.'), 'private');
  return false;
}

/** "Reset to defaults…" asks first. */
export const askToReset: ButtonHandler = async (interaction, context, id) => {
  if (!(await mayChangeSettings(interaction, context, id))) return;
  await updateMessage(interaction, resetConfirmMessage(id.answerId));
};

export const resetSettings: ButtonHandler = async (interaction, context, id) => {
  if (!(await mayChangeSettings(interaction, context, id))) return;
  const settings = await context.guilds.updateSettings(id.answerId, () => DEFAULT_GUILD_SETTINGS);
  context.logger.info({ guildId: id.answerId, userId: interaction.user.id }, 'settings reset');
  await updateMessage(interaction, settingsMessage(id.answerId, settings, 'Every setting is back to its default.'));
};

export const cancelReset: ButtonHandler = async (interaction, context, id) => {
  if (!(await mayChangeSettings(interaction, context, id))) return;
  await updateMessage(interaction, settingsMessage(id.answerId, await settingsFor(context, id.answerId), 'Nothing was changed.'));
};
