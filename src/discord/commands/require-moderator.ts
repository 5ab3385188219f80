import { PermissionFlagsBits, type RepliableInteraction } from 'discord.js';
import { respond } from '../discord-io.js';
import { notice } from '../notices.js';

/**
 * Discord hides moderator commands from members, but a server can override that
 * and a button can be clicked by anyone who sees it: state changes check the
 * member's permission here too.
 */
export async function requireModerator(interaction: RepliableInteraction): Promise<boolean> {
  if (interaction.inGuild() && interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  await respond(interaction, notice('Only moderators (Manage Server permission) can do that, and only in a server.'), 'private');
  return false;
}
