import {
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  InteractionType,
  type APIApplicationCommand,
  type APIThreadChannel,
  type APIUser,
} from 'discord.js';
import type { Server } from 'node:http';
import { checkInvocation, type CommandOptionJson, type InvocationOption } from './commands.js';
import { FakeDiscordCore } from './core.js';
import type { FaultSpec } from './faults.js';
import { GATEWAY_PATH } from './gateway.js';
import { interactionRoutes } from './interaction-routes.js';
import { FakeInteraction, interactionBase, resolvedFor, type InteractionPayload } from './interactions.js';
import type { ComponentJson } from './limits.js';
import { mentionedUsers, type MessageJson } from './messages.js';
import { restRoutes } from './rest-routes.js';
import { startRestServer } from './server.js';
import type { FakeDiscordOptions, FakeMessage, RestRequestRecord, Violation } from './types.js';

/** Where and as whom an interaction or message happens. Defaults: the first user, the first guild's first channel. */
export interface Actor {
  /** A user id from `discord.users`. */
  user?: string;
  channelId?: string;
  /** Optional; must match the channel's guild. */
  guildId?: string;
  /** Use the DM channel between the user and the bot instead of a guild channel. */
  dm?: boolean;
  /** The invoking member's permissions in the channel (guild interactions). */
  memberPermissions?: bigint | string;
  locale?: string;
}

export interface CommandInvocation extends Actor {
  name: string;
  /**
   * As Discord sends them: `{ name, type, value }`; subcommands `{ name, type: 1, options }`;
   * autocomplete marks one option `focused: true`.
   */
  options?: InvocationOption[];
}

/** A member's message command (a message's Apps menu) on a message: "Find in essays". */
export interface MessageCommandInvocation extends Omit<Actor, 'channelId' | 'guildId' | 'dm'> {
  name: string;
  /** The message it was used on; the interaction happens in that message's channel. */
  targetMessageId: string;
}

/** A member starting a post in a forum channel: a thread named `title` whose opening message is `content`. */
export interface ForumPost {
  forumId: string;
  title: string;
  content: string;
  /** The author's user id; defaults to the first user. */
  author?: string;
}

export interface ButtonClick extends Omit<Actor, 'channelId' | 'guildId' | 'dm'> {
  /** A message the bot sent (or its id); the click happens where it is. */
  message: FakeMessage | string;
  customId: string;
}

export interface UserMessage extends Omit<Actor, 'user' | 'memberPermissions' | 'locale'> {
  content: string;
  /** The author's user id; defaults to the first user. */
  author?: string;
  /**
   * Puts the bot in `mentions` (prefixing `<@bot>` unless the content or a reply already mentions it); that is
   * also what makes the content visible to a bot without the MESSAGE_CONTENT intent.
   */
  mentionsBot?: boolean;
  /** Makes this a reply to that message (it must be in the same channel). */
  referencedMessageId?: string;
}

function findComponent(components: readonly ComponentJson[], customId: string): ComponentJson | undefined {
  for (const component of components) {
    if (component.custom_id === customId) return component;
    const children = [...(component.components ?? []), ...(component.accessory ? [component.accessory] : [])];
    const nested = findComponent(children, customId);
    if (nested) return nested;
  }
  return undefined;
}

function containsFocused(options: readonly InvocationOption[]): boolean {
  return options.some((option) => option.focused || containsFocused(option.options ?? []));
}

/** The option declaration the focused option refers to, following subcommands. */
function focusedDeclaration(
  schema: readonly CommandOptionJson[],
  options: readonly InvocationOption[],
): CommandOptionJson | undefined {
  for (const option of options) {
    const declared = schema.find((s) => s.name === option.name);
    if (option.focused) return declared;
    if (option.options && declared) {
      const nested = focusedDeclaration(declared.options ?? [], option.options);
      if (nested) return nested;
    }
  }
  return undefined;
}

/**
 * A loopback Discord (REST + gateway) for end-to-end tests with the real discord.js client.
 * See `connect-client.ts` for the client options a bot needs to use it.
 */
export class FakeDiscord {
  private constructor(
    private readonly core: FakeDiscordCore,
    private readonly server: Server,
    readonly restApi: string,
  ) {}

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const core = new FakeDiscordCore(options);
    const { server, port } = await startRestServer(core, [...restRoutes, ...interactionRoutes]);
    core.gatewayUrl = `ws://127.0.0.1:${port}${GATEWAY_PATH}`;
    core.gateway.attach(server, core.gatewayUrl);
    return new FakeDiscord(core, server, `http://127.0.0.1:${port}/api`);
  }

  get token(): string {
    return this.core.token;
  }

  get applicationId(): string {
    return this.core.applicationId;
  }

  get botUser(): APIUser {
    return this.core.world.botUser;
  }

  get users(): APIUser[] {
    return [...this.core.world.users.values()];
  }

  get guilds(): { id: string; name: string; channelIds: string[] }[] {
    return [...this.core.world.guilds.values()].map(({ id, name, channelIds }) => ({ id, name, channelIds: [...channelIds] }));
  }

  get defaultChannelId(): string {
    return this.guilds[0]?.channelIds[0] ?? this.dmChannelWith(this.defaultUserId());
  }

  /** Every REST request, in arrival order, with the status the fake answered. */
  get requests(): readonly RestRequestRecord[] {
    return this.core.requests;
  }

  /** Requests for routes the fake (and likely Discord) doesn't have; tests should expect none. */
  get unknownRoutes(): readonly RestRequestRecord[] {
    return this.core.unknownRoutes;
  }

  /** Everything the bot did that Discord would reject or that would misbehave for users; tests should expect none. */
  get violations(): readonly Violation[] {
    return this.core.violations;
  }

  get commands(): readonly APIApplicationCommand[] {
    return this.core.commands.all;
  }

  get interactions(): FakeInteraction[] {
    return [...this.core.interactions.values()];
  }

  get identifies(): number {
    return this.core.gateway.identifies;
  }

  get resumes(): number {
    return this.core.gateway.resumes;
  }

  get heartbeats(): number {
    return this.core.gateway.heartbeats;
  }

  /** Resolves once a connection has received READY plus its GUILD_CREATEs (or RESUMED) and is still open. */
  async waitForReady(timeoutMs = 15_000): Promise<void> {
    const ready = () => (this.core.gateway.isReady() ? true : undefined);
    await this.core.changes.waitFor(ready, timeoutMs, 'a ready gateway connection');
  }

  /** Waits for an arbitrary condition on the fake's state, e.g. `() => discord.identifies >= 2 || undefined`. */
  waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000, description = 'a condition'): Promise<T> {
    return this.core.changes.waitFor(probe, timeoutMs, description);
  }

  /** The DM channel between a user and the bot (created on first use, as Discord does). */
  dmChannelWith(userId: string): string {
    return this.core.world.dmChannelWith(userId).id;
  }

  /** A slash command (INTERACTION_CREATE type 2). Throws if a Discord client could not send it. */
  sendCommand(invocation: CommandInvocation): FakeInteraction {
    return this.sendCommandInteraction(InteractionType.ApplicationCommand, invocation);
  }

  /** An autocomplete request (INTERACTION_CREATE type 4); one option, possibly inside a subcommand, has `focused: true`. */
  sendAutocomplete(invocation: CommandInvocation): FakeInteraction {
    if (!containsFocused(invocation.options ?? [])) {
      throw new Error('fake-discord: autocomplete needs one option with focused: true');
    }
    return this.sendCommandInteraction(InteractionType.ApplicationCommandAutocomplete, invocation);
  }

  /** A button click (INTERACTION_CREATE type 3) on a message the bot sent. Throws if that button isn't there to click. */
  clickButton(click: ButtonClick): FakeInteraction {
    const messageId = typeof click.message === 'string' ? click.message : click.message.id;
    const stored = this.core.world.messages.get(messageId);
    if (!stored || stored.deleted || stored.origin === 'user') {
      throw new Error(`fake-discord: no bot message ${messageId} to click`);
    }
    const button = findComponent((stored.message.components ?? []) as ComponentJson[], click.customId);
    if (button?.type !== ComponentType.Button) {
      throw new Error(`fake-discord: message ${messageId} has no button "${click.customId}"`);
    }
    if (button.disabled) throw new Error(`fake-discord: button "${click.customId}" is disabled`);
    const userId = click.user ?? this.defaultUserId();
    const owner = stored.interactionId ? this.core.interactions.get(stored.interactionId) : undefined;
    const ownerId = owner?.payload.member?.user.id ?? owner?.payload.user?.id;
    if (stored.ephemeral && ownerId !== userId) {
      throw new Error('fake-discord: only the invoking user can see (and click) an ephemeral message');
    }
    const base = interactionBase(this.core.world, this.applicationId, InteractionType.MessageComponent, {
      channelId: stored.channelId,
      userId,
      memberPermissions: click.memberPermissions,
      locale: click.locale,
    });
    const data = { custom_id: click.customId, component_type: ComponentType.Button };
    return this.deliver({ ...base, message: stored.message, data });
  }

  /** A message command (INTERACTION_CREATE type 2, command type 3) on a message; Discord sends its content whatever the intents. */
  sendMessageCommand(invocation: MessageCommandInvocation): FakeInteraction {
    const target = this.core.world.messages.get(invocation.targetMessageId);
    if (!target || target.deleted || target.ephemeral) throw new Error(`fake-discord: no message ${invocation.targetMessageId} to use a command on`);
    const userId = invocation.user ?? this.defaultUserId();
    const channelId = this.resolveChannel({ channelId: target.channelId }, userId);
    const guildId = this.core.world.guildIdOfChannel(channelId);
    const command = this.core.commands.find(invocation.name, ApplicationCommandType.Message, guildId);
    if (!command && this.core.requireRegisteredCommands) {
      throw new Error(`fake-discord: message command "${invocation.name}" is not registered; Discord only shows registered commands`);
    }
    return this.deliverCommand(InteractionType.ApplicationCommand, ApplicationCommandType.Message, command, { ...invocation, channelId, userId }, {
      target_id: target.id,
      resolved: { messages: { [target.id]: target.message } },
    });
  }

  /** A member's new forum post: THREAD_CREATE (newly created), then its opening message, which has the thread's id. */
  createForumPost(post: ForumPost): { threadId: string; message: MessageJson } {
    const authorId = post.author ?? this.defaultUserId();
    const forum = this.core.world.channel(post.forumId);
    if (forum.type !== ChannelType.GuildForum) throw new Error(`fake-discord: channel ${post.forumId} is not a forum`);
    const guildId = this.core.world.guildIdOfChannel(post.forumId) as string;
    this.resolveChannel({ channelId: post.forumId }, authorId);
    const thread = this.core.createThread({
      id: this.core.world.ids.next(),
      guildId,
      parentId: post.forumId,
      ownerId: authorId,
      name: post.title,
      autoArchiveMinutes: 4320,
    });
    const author = this.core.world.user(authorId);
    const stored = this.core.createMessage(
      { id: thread.id, channelId: thread.id, author, body: { content: post.content }, files: [], mentions: mentionedUsers(this.core.world, post.content) },
      'user',
      undefined,
    );
    return { threadId: thread.id, message: stored.message };
  }

  /** Threads in a channel (threads started from its messages, or a forum's posts), oldest first. */
  threadsIn(channelId: string): APIThreadChannel[] {
    return this.core.world.threadsOf(channelId);
  }

  /** Emoji the bot reacted to a message with. */
  reactionsOn(messageId: string): readonly string[] {
    return this.core.world.messages.get(messageId)?.reactions ?? [];
  }

  /** Every message the bot has sent anywhere, ephemeral and deleted ones included: everything a member may have seen. */
  botMessages(): FakeMessage[] {
    return [...this.core.world.messages.values()].filter((m) => m.origin !== 'user');
  }

  /** The [shard id, shard count] of every gateway session that identified, in order. */
  get sessionShards(): (readonly [number, number])[] {
    return this.core.gateway.sessionShards();
  }

  /** A user's message (MESSAGE_CREATE), delivered per the bot's intents; returns the full message as stored. */
  sendMessage(message: UserMessage): MessageJson {
    const authorId = message.author ?? this.defaultUserId();
    const channelId = this.resolveChannel(message, authorId);
    const bot = this.core.world.botUser;
    const referenced = message.referencedMessageId ? this.core.world.messages.get(message.referencedMessageId) : undefined;
    if (message.referencedMessageId && (!referenced || referenced.channelId !== channelId || referenced.deleted)) {
      throw new Error(`fake-discord: message ${message.referencedMessageId} is not in channel ${channelId}`);
    }
    const alreadyMentions = mentionedUsers(this.core.world, message.content).some((user) => user.id === bot.id);
    const content = message.mentionsBot && !alreadyMentions && !referenced ? `<@${bot.id}> ${message.content}` : message.content;
    const mentions = mentionedUsers(this.core.world, content);
    // Replying with the ping on puts the replied-to author in `mentions` without a <@id> in the text.
    if (message.mentionsBot && !mentions.some((user) => user.id === bot.id)) mentions.push(bot);
    const stored = this.core.createMessage(
      {
        id: this.core.world.ids.next(),
        channelId,
        author: this.core.world.user(authorId),
        body: { content },
        files: [],
        mentions,
        ...(referenced ? { referencedMessage: referenced.message } : {}),
      },
      'user',
      undefined,
    );
    return stored.message;
  }

  /** Messages the bot created in a channel (posts, interaction replies, follow-ups, ephemeral ones too), oldest first. */
  channelMessages(channelId: string): FakeMessage[] {
    return [...this.core.world.messages.values()].filter((m) => m.channelId === channelId && m.origin !== 'user' && !m.deleted);
  }

  /** Makes the next matching REST request(s) fail with a 429 (Discord's body and headers) or a 5xx. */
  failNext(spec: FaultSpec): void {
    this.core.faults.arm(spec);
  }

  /** Closes the gateway connection(s) with a close code, e.g. 4000 (client should RESUME) or 4009 (session over: IDENTIFY). */
  closeGateway(code: number, reason?: string): void {
    this.core.gateway.close(code, reason);
  }

  /** Sends op 9 Invalid Session: `true` lets the client RESUME, `false` ends the session so it must IDENTIFY. */
  invalidateSession(resumable: boolean): void {
    this.core.gateway.invalidateSession(resumable);
  }

  async stop(): Promise<void> {
    await this.core.gateway.stop();
    // discord.js's HTTP client keeps connections alive; close them so the test process can exit.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private defaultUserId(): string {
    const user = this.users[0];
    if (!user) throw new Error('fake-discord: no users configured');
    return user.id;
  }

  private resolveChannel(actor: Actor, userId: string): string {
    const channelId = actor.dm ? this.dmChannelWith(userId) : (actor.channelId ?? this.defaultChannelId);
    const channel = this.core.world.channel(channelId);
    const guildId = this.core.world.guildIdOfChannel(channelId);
    if (actor.guildId && actor.guildId !== guildId) {
      throw new Error(`fake-discord: channel ${channelId} is not in guild ${actor.guildId}`);
    }
    if (guildId && !this.core.world.isMember(guildId, userId)) {
      throw new Error(`fake-discord: user ${userId} is not a member of guild ${guildId}`);
    }
    if (channel.type === ChannelType.DM && !channel.recipients?.some((r) => r.id === userId)) {
      throw new Error(`fake-discord: DM channel ${channelId} does not belong to user ${userId}`);
    }
    return channelId;
  }

  private sendCommandInteraction(
    type: InteractionType.ApplicationCommand | InteractionType.ApplicationCommandAutocomplete,
    invocation: CommandInvocation,
  ): FakeInteraction {
    const userId = invocation.user ?? this.defaultUserId();
    const channelId = this.resolveChannel(invocation, userId);
    const guildId = this.core.world.guildIdOfChannel(channelId);
    const options = invocation.options ?? [];
    const command = this.core.commands.find(invocation.name, ApplicationCommandType.ChatInput, guildId);
    if (command) {
      const schema = (command.options ?? []) as CommandOptionJson[];
      checkInvocation(schema, options, `/${invocation.name}`);
      if (type === InteractionType.ApplicationCommandAutocomplete && !focusedDeclaration(schema, options)?.autocomplete) {
        throw new Error(`fake-discord: the focused option of /${invocation.name} is not registered with autocomplete: true`);
      }
    } else if (this.core.requireRegisteredCommands) {
      const scope = guildId ? `globally or in guild ${guildId}` : 'globally';
      throw new Error(`fake-discord: /${invocation.name} is not registered ${scope}; Discord only delivers registered commands`);
    }
    return this.deliverCommand(type, ApplicationCommandType.ChatInput, command, { ...invocation, channelId, userId }, {
      ...(options.length ? { options } : {}),
      ...resolvedFor(this.core.world, options, guildId),
    });
  }

  /** An application command interaction: the command's registered id (or a fresh one) and name, plus type-specific data. */
  private deliverCommand(
    type: InteractionType.ApplicationCommand | InteractionType.ApplicationCommandAutocomplete,
    commandType: ApplicationCommandType,
    command: APIApplicationCommand | undefined,
    invocation: { name: string; channelId: string; userId: string; memberPermissions?: bigint | string | undefined; locale?: string | undefined },
    data: Record<string, unknown>,
  ): FakeInteraction {
    const { channelId, userId, memberPermissions, locale } = invocation;
    const base = interactionBase(this.core.world, this.applicationId, type, { channelId, userId, memberPermissions, locale });
    return this.deliver({
      ...base,
      data: {
        id: command?.id ?? this.core.world.ids.next(),
        name: invocation.name,
        type: commandType,
        ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
        ...data,
      },
    });
  }

  private deliver(payload: InteractionPayload): FakeInteraction {
    const interaction = new FakeInteraction(payload, this.core.changes);
    this.core.interactions.set(interaction.id, interaction);
    // Interactions need no intent; they go to the shard of their guild (DMs: shard 0).
    const audience = payload.guild_id ? { guildId: payload.guild_id } : {};
    this.core.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload, audience);
    this.core.changes.notify();
    return interaction;
  }
}
