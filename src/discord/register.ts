import { Routes } from 'discord.js';
import type { Config } from '../config/load-config.js';
import { restClient } from './rest-client.js';
import { MESSAGE_COMMANDS, SLASH_COMMANDS } from './commands/all.js';

/** A bot token starts with the bot's user id in base64, which is also its application id. */
export function applicationIdFromToken(token: string): string | undefined {
  const id = Buffer.from(token.split('.')[0] ?? '', 'base64').toString('utf8');
  return /^\d{17,20}$/.test(id) ? id : undefined;
}

/**
 * Registers the slash commands and the message commands ("Find in essays"): to DISCORD_GUILD_ID when set (instant, for
 * development), otherwise globally (Discord can take up to an hour to show them).
 * Run it after changing a command's definition, never on start-up.
 */
export async function registerCommands(config: Config): Promise<string> {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set');
  const applicationId = config.DISCORD_CLIENT_ID ?? applicationIdFromToken(token);
  if (!applicationId) throw new Error('set DISCORD_CLIENT_ID (the application id from the developer portal)');
  const rest = restClient(config, token);
  const body = [...SLASH_COMMANDS, ...MESSAGE_COMMANDS].map((command) => command.data.toJSON());
  const guildId = config.DISCORD_GUILD_ID;
  await rest.put(guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId), { body });
  const names = body.map((command) => ('description' in command && command.description ? `/${command.name}` : `“${command.name}”`)).join(', ');
  return guildId
    ? `Registered ${body.length} commands (${names}) in server ${guildId}; they are usable now.`
    : `Registered ${body.length} commands (${names}) globally; Discord may take up to an hour to show them.`;
}
