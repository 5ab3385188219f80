import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  DiscordjsErrorCodes,
  Events,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionResponseType,
  Partials,
  type Interaction,
  type Message,
} from 'discord.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { inflateSync, constants as zlibConstants } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connectClient, FakeDiscord } from '../support/fake-discord/index.js';

type Handler<T> = (event: T) => Promise<void>;

const SAFE_MENTIONS = { parse: [], repliedUser: false };
const CALLBACK_PATH = /^\/interactions\/\d+\/[^/]+\/callback$/;

describe('fake Discord driven by the real discord.js client', () => {
  let discord: FakeDiscord;
  let client: Client;
  // Each test installs what the "bot" does; errors thrown by handlers are collected instead of lost.
  let onInteraction: Handler<Interaction> = async () => {};
  let onMessage: Handler<Message> = async () => {};
  const handlerErrors: unknown[] = [];
  const receivedMessages: Message[] = [];

  beforeAll(async () => {
    discord = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    client = await connectClient(discord, {
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
      // DM channels are never in READY, so without Partials.Channel discord.js drops DM messages.
      partials: [Partials.Channel],
      allowedMentions: SAFE_MENTIONS,
    });
    client.on(Events.InteractionCreate, (interaction) => void onInteraction(interaction).catch((error: unknown) => handlerErrors.push(error)));
    client.on(Events.MessageCreate, (message) => {
      if (message.author.id === client.user?.id) return;
      receivedMessages.push(message);
      void onMessage(message).catch((error: unknown) => handlerErrors.push(error));
    });
    await client.application?.commands.set([
      {
        name: 'ask',
        description: 'Ask the essays a question',
        options: [{ name: 'question', description: 'What to ask', type: ApplicationCommandOptionType.String, required: true, autocomplete: true }],
      },
    ]);
  });

  afterAll(async () => {
    await client?.destroy();
    await discord?.stop();
  });

  const ask = (question: string) => discord.sendCommand({ name: 'ask', options: [{ name: 'question', type: ApplicationCommandOptionType.String, value: question }] });

  it('logs in through GET /gateway/bot, identifies once and caches the guild and channel', () => {
    expect(client.isReady()).toBe(true);
    expect(discord.identifies).toBe(1);
    const gatewayRequest = discord.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayRequest?.headers.authorization).toBe(`Bot ${discord.token}`);
    const [guild] = discord.guilds;
    expect(client.guilds.cache.get(guild?.id ?? '')?.channels.cache.has(discord.defaultChannelId)).toBe(true);
    expect(discord.commands.map((c) => c.name)).toEqual(['ask']);
    expect(discord.commands[0]?.id).toMatch(/^\d+$/);
    expect(discord.unknownRoutes).toEqual([]);
  });

  it('rejects a wrong token on REST (401) and on the gateway (close 4004)', async () => {
    const intruder = new Client({ intents: [], rest: { api: discord.restApi }, shards: [0], shardCount: 1 });
    await expect(intruder.login('not-the-token')).rejects.toMatchObject({ code: DiscordjsErrorCodes.TokenInvalid });
    await intruder.destroy();

    const socket = new WebSocket(`${discord.restApi.replace(/^http/, 'ws').replace(/\/api$/, '')}/gateway?v=10&encoding=json`);
    socket.once('message', () => socket.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: 'nope', intents: 0, properties: {} } })));
    const code = await new Promise<number>((resolve) => socket.once('close', (closeCode) => resolve(closeCode)));
    expect(code).toBe(4004);
  });

  it('delivers a slash command; deferReply then editReply are seen in order and on time', async () => {
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await sleep(200);
      await interaction.editReply(`You asked: ${interaction.options.getString('question', true)}`);
    };
    const ix = ask('What is virtue?');
    const ack = await ix.acknowledged();
    expect(ack.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(ack.elapsedMs).toBeLessThan(3_000);
    const reply = await ix.reply();
    expect(reply.message.content).toBe('You asked: What is virtue?');
    expect(ix.edits).toHaveLength(1);
    expect(ix.edits[0]?.elapsedMs).toBeGreaterThanOrEqual(ack.elapsedMs + 200);
    const paths = discord.requests.filter((r) => r.path.includes(ix.id) || r.path.includes(ix.token)).map((r) => `${r.method} ${r.status}`);
    expect(paths).toEqual(['POST 204', 'PATCH 200']);
  });

  it('delivers a button click on a bot message, and update() edits that message', async () => {
    onInteraction = async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const more = new ButtonBuilder().setCustomId('more').setLabel('More').setStyle(ButtonStyle.Primary);
        await interaction.reply({ content: 'First answer', components: [new ActionRowBuilder<ButtonBuilder>().addComponents(more)] });
      } else if (interaction.isButton()) {
        await interaction.update({ content: `Clicked ${interaction.customId}`, components: [] });
      }
    };
    const reply = await ask('Tell me more').reply();
    const click = discord.clickButton({ message: reply, customId: 'more' });
    expect((await click.acknowledged()).type).toBe(InteractionResponseType.UpdateMessage);
    expect(reply.message.content).toBe('Clicked more');
    expect(reply.message.components).toEqual([]);
    expect(() => discord.clickButton({ message: reply, customId: 'more' })).toThrow(/no button/);
  });

  it('shows content only for mentions (no MESSAGE_CONTENT intent), and message.reply() replies', async () => {
    onMessage = async (message) => {
      if (message.mentions.has(client.user?.id ?? '')) await message.reply('Here is a quote.');
    };
    const plain = discord.sendMessage({ content: 'just chatting' });
    const mention = discord.sendMessage({ content: 'what about justice?', mentionsBot: true });
    await discord.waitFor(() => discord.channelMessages(discord.defaultChannelId).find((m) => m.message.referenced_message?.id === mention.id));
    expect(receivedMessages.find((m) => m.id === plain.id)?.content).toBe('');
    expect(receivedMessages.find((m) => m.id === mention.id)?.content).toBe(`<@${discord.botUser.id}> what about justice?`);
    const [reply] = discord.channelMessages(discord.defaultChannelId).filter((m) => m.message.referenced_message?.id === mention.id);
    expect(reply?.message.content).toBe('Here is a quote.');
    expect(reply?.payloads[0]).toMatchObject({ message_reference: { message_id: mention.id }, allowed_mentions: { parse: [], replied_user: false } });
  });

  it('delivers DMs (with Partials.Channel) and the reply lands in the DM channel', async () => {
    onMessage = async (message) => {
      if (!message.inGuild()) await message.reply('Hello in private.');
    };
    const dm = discord.sendMessage({ content: 'psst', dm: true });
    const reply = await discord.waitFor(() => discord.channelMessages(dm.channel_id)[0]);
    expect(reply.message.content).toBe('Hello in private.');
    expect(receivedMessages.find((m) => m.id === dm.id)?.content).toBe('psst');
  });

  it('records a violation when a message goes out without allowed_mentions', async () => {
    const before = discord.violations.length;
    client.options.allowedMentions = undefined;
    try {
      onMessage = async (message) => {
        if (message.channel.isSendable()) await message.channel.send('Quoting "@everyone should read this"');
      };
      discord.sendMessage({ content: 'quote please', mentionsBot: true });
      await discord.waitFor(() => discord.violations[before]);
    } finally {
      client.options.allowedMentions = SAFE_MENTIONS;
      onMessage = async () => {};
    }
    expect(discord.violations.slice(before)).toEqual([
      expect.objectContaining({ kind: 'allowed-mentions', request: `POST /channels/${discord.defaultChannelId}/messages` }),
    ]);
  });

  it('answers autocomplete (type 8) with choices', async () => {
    onInteraction = async (interaction) => {
      if (interaction.isAutocomplete()) await interaction.respond([{ name: 'What is virtue?', value: 'virtue' }]);
    };
    const ix = discord.sendAutocomplete({ name: 'ask', options: [{ name: 'question', type: ApplicationCommandOptionType.String, value: 'vir', focused: true }] });
    const ack = await ix.acknowledged();
    expect(ack.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(ack.body).toMatchObject({ data: { choices: [{ name: 'What is virtue?', value: 'virtue' }] } });
  });

  it('discord.js waits out a 429 on the first callback attempt and still acknowledges in time', async () => {
    onInteraction = async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('Answer after a rate limit');
    };
    discord.failNext({ method: 'POST', path: CALLBACK_PATH, status: 429, retryAfterSeconds: 0.4 });
    const ix = ask('Rate limited?');
    const ack = await ix.acknowledged();
    const attempts = discord.requests.filter((r) => r.path === `/interactions/${ix.id}/${ix.token}/callback`);
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    // Discord's Retry-After header is whole seconds (rounded up), and that is what discord.js sleeps on.
    expect(ack.elapsedMs).toBeGreaterThanOrEqual(1_000);
    expect(ack.elapsedMs).toBeLessThan(3_000);
    expect((await ix.reply()).message.content).toBe('Answer after a rate limit');
  });

  it('after close 4000 the client RESUMEs and gets the interaction sent while it was away', async () => {
    onInteraction = async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('Still here');
    };
    const identifies = discord.identifies;
    discord.closeGateway(4000);
    const ix = ask('Are you there?');
    await discord.waitForReady();
    expect(discord.resumes).toBe(1);
    expect(discord.identifies).toBe(identifies);
    expect((await ix.reply()).message.content).toBe('Still here');
  });

  it('after op 9 (resumable) the client RESUMEs on the same connection', async () => {
    const resumes = discord.resumes;
    discord.invalidateSession(true);
    await discord.waitForReady();
    expect(discord.resumes).toBe(resumes + 1);
    onInteraction = async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: 'ok' });
    };
    expect((await ask('ping').reply()).message.content).toBe('ok');
  });

  it('refuses a callback after the 3-second deadline with 10062 Unknown interaction', async () => {
    const failures: unknown[] = [];
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await sleep(3_200);
      await interaction.deferReply().catch((error: unknown) => failures.push(error));
    };
    const before = discord.violations.length;
    const ix = ask('Slow?');
    await discord.waitFor(() => failures[0], 6_000);
    expect(failures[0]).toBeInstanceOf(DiscordAPIError);
    expect((failures[0] as DiscordAPIError).code).toBe(10062);
    expect(ix.callback).toBeUndefined();
    expect(ix.rejectedCallbacks).toEqual([expect.objectContaining({ status: 404, code: 10062 })]);
    expect(discord.violations.slice(before)).toEqual([expect.objectContaining({ kind: 'interaction-expired' })]);
  });

  it('after close 4009 the session is gone: the RESUME is refused and the client IDENTIFIES anew', async () => {
    const identifies = discord.identifies;
    const resumes = discord.resumes;
    discord.closeGateway(4009);
    await discord.waitFor(() => (discord.identifies > identifies ? true : undefined), 15_000, 'a new IDENTIFY');
    await discord.waitForReady();
    // discord.js 14.28 (@discordjs/ws) first tries to resume after 4009; Discord answers op 9 false.
    expect(discord.resumes).toBe(resumes + 1);
    onInteraction = async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: 'new session' });
    };
    expect((await ask('New session?').reply()).message.content).toBe('new session');
  });

  it('serves zlib-stream compression when asked (discord.js asks when zlib-sync is installed)', async () => {
    const base = discord.restApi.replace(/^http/, 'ws').replace(/\/api$/, '');
    const socket = new WebSocket(`${base}/gateway?v=10&encoding=json&compress=zlib-stream`);
    const frame = await new Promise<Buffer>((resolve) => socket.once('message', (data) => resolve(data as Buffer)));
    socket.close();
    expect(frame.subarray(-4)).toEqual(Buffer.from([0, 0, 0xff, 0xff]));
    const hello = JSON.parse(inflateSync(frame, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString()) as { op: number };
    expect(hello.op).toBe(GatewayOpcodes.Hello);
  });

  it('saw heartbeats, no unknown routes, no handler errors, and only the deliberate violations', () => {
    expect(discord.heartbeats).toBeGreaterThan(0);
    expect(discord.unknownRoutes).toEqual([]);
    expect(handlerErrors).toEqual([]);
    expect(discord.violations.map((v) => v.kind)).toEqual(['allowed-mentions', 'interaction-expired']);
  });
});
