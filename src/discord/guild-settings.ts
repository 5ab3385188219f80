import { formatError } from '../core/errors.js';
import { DEFAULT_GUILD_SETTINGS, type GuildSettings, isChannelAllowed } from '../guild/settings.js';
import type { BotContext } from './bot-context.js';

/** A server's settings, or the defaults in DMs; a damaged settings file is logged and replaced by defaults. */
export async function settingsFor(context: BotContext, guildId: string | null): Promise<GuildSettings> {
  if (!guildId) return DEFAULT_GUILD_SETTINGS;
  const loaded = await context.guilds.settings(guildId);
  if (loaded.problem) context.logger.error({ guildId, code: loaded.problem.code }, formatError(loaded.problem));
  return loaded.settings;
}

/**
 * Whether the bot answers in this channel of a server (DMs: always). A thread or
 * forum post counts as its parent channel, which moderators allow.
 */
export function servesChannel(settings: GuildSettings, guildId: string | null, channelId: string, channel: object | null): boolean {
  if (!guildId) return true;
  const parentId = channel && 'parentId' in channel ? ((channel.parentId as string | null | undefined) ?? null) : null;
  return isChannelAllowed(settings, channelId, parentId);
}
