import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';

/**
 * Moderator commands are hidden from members without Manage Server and exist only
 * in servers (the discord.js guide's pattern). Server owners can change who sees
 * them in Server Settings → Integrations; handlers check again in code.
 */
export function moderatorCommand(name: string, description: string): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild);
}
