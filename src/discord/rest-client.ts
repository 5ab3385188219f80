import { REST } from 'discord.js';
import type { Config } from '../config/load-config.js';

/** A REST client for work outside the bot's own client (registering commands, shard counts), through DISCORD_API_BASE when set. */
export function restClient(config: Config, token: string): REST {
  return new REST(config.DISCORD_API_BASE ? { api: config.DISCORD_API_BASE } : {}).setToken(token);
}
