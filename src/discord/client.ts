import { Client, type ClientOptions, GatewayIntentBits, Partials } from 'discord.js';
import type { Config } from '../config/load-config.js';
import { NO_PINGS } from './discord-io.js';

/**
 * The discord.js client with only the intents citebot needs: Guilds (commands,
 * channels), GuildMessages and DirectMessages (mentions and DMs). Message
 * Content is privileged and is only requested when MESSAGE_CONTENT_INTENT asks
 * for it (to answer replies that do not ping the bot).
 */
export function createDiscordClient(config: Config, overrides: Partial<ClientOptions> = {}): Client {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  if (config.MESSAGE_CONTENT_INTENT) intents.push(GatewayIntentBits.MessageContent);
  return new Client({
    intents,
    // DM channels are not cached at start; without this partial discord.js drops DM messages.
    partials: [Partials.Channel],
    allowedMentions: NO_PINGS,
    ...(config.DISCORD_API_BASE ? { rest: { api: config.DISCORD_API_BASE } } : {}),
    ...overrides,
  });
}
