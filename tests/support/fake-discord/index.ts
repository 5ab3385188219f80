/**
 * A loopback Discord (REST on /api/v10 + gateway on /gateway) for driving a real discord.js 14 bot end to end.
 *
 *   const discord = await FakeDiscord.start();
 *   const client = await connectClient(discord, { intents: [GatewayIntentBits.Guilds], allowedMentions: { parse: [] } });
 *   const ix = discord.sendCommand({ name: 'ask', options: [{ name: 'question', type: 3, value: 'Why?' }] });
 *   expect((await ix.acknowledged()).elapsedMs).toBeLessThan(3_000);
 *   expect((await ix.reply()).message.content).toContain('...');
 *   expect(discord.violations).toEqual([]);
 *   await client.destroy(); await discord.stop();
 *
 * A bot built elsewhere needs the options in `fakeDiscordClientOptions` (rest.api, shards) and `discord.token`.
 */
export { connectClient, fakeDiscordClientOptions } from './connect-client.js';
export { FakeDiscord, type ButtonClick, type CommandInvocation, type ForumPost, type MessageCommandInvocation, type UserMessage } from './fake-discord.js';
export type { FaultSpec } from './faults.js';
export type { FakeInteraction, InteractionCallbackRecord, InteractionEdit, RejectedCallback } from './interactions.js';
export type { InvocationOption } from './commands.js';
export type {
  FakeDiscordOptions,
  FakeMessage,
  GuildSpec,
  MessageOrigin,
  PrivilegedIntent,
  RestRequestRecord,
  UserSpec,
  Violation,
  ViolationKind,
} from './types.js';
