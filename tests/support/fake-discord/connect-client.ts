import { Client, Events, type ClientOptions } from 'discord.js';
import { once } from 'node:events';
import type { FakeDiscord } from './fake-discord.js';

/**
 * Client options that point discord.js 14 at the fake. Everything else (intents, partials, allowedMentions, ...)
 * is the bot's own choice and is passed through, so the fake can judge it.
 */
export function fakeDiscordClientOptions(discord: FakeDiscord, options: ClientOptions): ClientOptions {
  return {
    ...options,
    rest: {
      ...options.rest,
      // @discordjs/rest requests `${api}/v${version}${route}` for every call, including GET /gateway/bot, whose
      // `url` is where @discordjs/ws connects. So this one option moves both REST and the gateway to the fake.
      // (Leave rest.version at 10: the fake serves /api/v10 only, and the gateway is told v=10 via ws.version.)
      api: discord.restApi,
    },
    // An explicit shard list keeps discord.js from taking SHARDS/SHARD_COUNT from process.env or workerData
    // (Client constructor) and from sizing itself by /gateway/bot's recommendation ('auto'). The fake hosts one
    // shard; guild events are routed by Discord's (guild_id >> 22) % shard_count formula either way.
    shards: [0],
    shardCount: 1,
  };
}

/** Builds a real discord.js Client for the fake, logs in and waits for `clientReady` (all guilds received). */
export async function connectClient(discord: FakeDiscord, options: ClientOptions): Promise<Client> {
  const client = new Client(fakeDiscordClientOptions(discord, options));
  // login() resolves on READY, before the GUILD_CREATEs that fill the caches; clientReady waits for them.
  // ('ready' still works in 14.28 but emits a deprecation warning.)
  const ready = once(client, Events.ClientReady);
  await client.login(discord.token);
  await ready;
  return client;
}
