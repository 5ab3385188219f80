import { formatError } from '../core/errors.js';
import { DEFAULT_GUILD_SETTINGS, type GuildSettings } from '../guild/settings.js';
import type { BotContext } from './bot-context.js';

/** A server's settings, or the defaults in DMs; a damaged settings file is logged and replaced by defaults. */
export async function settingsFor(context: BotContext, guildId: string | null): Promise<GuildSettings> {
  if (!guildId) return DEFAULT_GUILD_SETTINGS;
  const loaded = await context.guilds.settings(guildId);
  if (loaded.problem) context.logger.error({ guildId, code: loaded.problem.code }, formatError(loaded.problem));
  return loaded.settings;
}
