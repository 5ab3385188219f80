import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  type InteractionType,
  type APIChannel,
  type APIGuildMember,
  type APIRole,
  type APIUser,
  type InteractionResponseType,
} from 'discord.js';
import { randomBytes } from 'node:crypto';
import type { InvocationOption } from './commands.js';
import type { MessageJson } from './messages.js';
import { DEFAULT_MEMBER_PERMISSIONS } from './payloads.js';
import type { FakeMessage } from './types.js';
import type { StateChanges } from './waiting.js';
import type { FakeWorld } from './world.js';

/** The accepted interaction callback (POST /interactions/:id/:token/callback). */
export interface InteractionCallbackRecord {
  type: InteractionResponseType;
  /** The whole request body: `{ type, data }`. */
  body: unknown;
  /** Time from dispatch to the callback reaching the fake. */
  elapsedMs: number;
}

/** A callback the fake refused (e.g. 10062 after the 3-second deadline, 40060 when already acknowledged). */
export interface RejectedCallback {
  status: number;
  code: number;
  elapsedMs: number;
}

export interface InteractionEdit {
  /** `@original` or a follow-up id, as in the webhook route. */
  target: string;
  messageId: string;
  body: unknown;
  elapsedMs: number;
}

/** The INTERACTION_CREATE payload the fake dispatched (loosely typed: the fake builds it field by field). */
export interface InteractionPayload {
  id: string;
  application_id: string;
  type: InteractionType;
  token: string;
  version: 1;
  data: Record<string, unknown>;
  guild_id?: string;
  guild?: { id: string; locale: string; features: string[] };
  channel_id: string;
  channel: APIChannel & { permissions?: string };
  member?: APIGuildMember & { permissions: string };
  user?: APIUser;
  message?: MessageJson;
  app_permissions: string;
  locale: string;
  guild_locale?: string;
  entitlements: [];
  authorizing_integration_owners: Record<string, string>;
  context: InteractionContextType;
  attachment_size_limit: number;
}

/** One interaction from dispatch to its responses, with promises tests can await. */
export class FakeInteraction {
  readonly createdAt = Date.now();
  /** Interaction tokens stay valid for webhooks (edits, follow-ups) for 15 minutes. */
  readonly tokenExpiresAt = this.createdAt + 15 * 60_000;
  callback: InteractionCallbackRecord | undefined;
  readonly rejectedCallbacks: RejectedCallback[] = [];
  /** The response message (`@original`): the reply, the deferred "thinking" message, or the clicked message. */
  original: FakeMessage | undefined;
  /** What the user ends up seeing: a reply, an edit of a deferred reply, or an updated component message. */
  visibleReply: FakeMessage | undefined;
  readonly followUps: FakeMessage[] = [];
  readonly edits: InteractionEdit[] = [];

  constructor(
    readonly payload: InteractionPayload,
    private readonly changes: StateChanges,
  ) {}

  get id(): string {
    return this.payload.id;
  }

  get token(): string {
    return this.payload.token;
  }

  get type(): InteractionType {
    return this.payload.type;
  }

  get ackElapsedMs(): number | undefined {
    return this.callback?.elapsedMs;
  }

  elapsedMs(): number {
    return Date.now() - this.createdAt;
  }

  acknowledged(timeoutMs = 5_000): Promise<InteractionCallbackRecord> {
    return this.changes.waitFor(() => this.callback, timeoutMs, `interaction ${this.id} to be acknowledged`);
  }

  reply(timeoutMs = 10_000): Promise<FakeMessage> {
    return this.changes.waitFor(() => this.visibleReply, timeoutMs, `a visible reply to interaction ${this.id}`);
  }
}

export interface InteractionContext {
  channelId: string;
  userId: string;
  memberPermissions: bigint | string | undefined;
  locale: string | undefined;
}

/** Fields every interaction carries; guild ones get `member` (with permissions), DMs get `user`. */
export function interactionBase(world: FakeWorld, applicationId: string, type: InteractionType, context: InteractionContext) {
  const channel = world.channel(context.channelId);
  const guildId = world.guildIdOfChannel(context.channelId);
  const permissions = String(context.memberPermissions ?? DEFAULT_MEMBER_PERMISSIONS);
  const appPermissions = String(DEFAULT_MEMBER_PERMISSIONS);
  const locale = context.locale ?? 'en-US';
  const where = guildId
    ? {
        guild_id: guildId,
        guild: { id: guildId, locale: 'en-US', features: [] },
        guild_locale: 'en-US',
        member: { ...world.member(guildId, context.userId), permissions },
        context: InteractionContextType.Guild,
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
      }
    : {
        user: world.user(context.userId),
        context: InteractionContextType.BotDM,
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: '0' },
      };
  return {
    id: world.ids.next(),
    application_id: applicationId,
    type,
    // Real tokens are long opaque strings; the fake checks the exact token on every webhook call.
    token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
    version: 1 as const,
    channel_id: context.channelId,
    channel: { ...channel, ...(guildId ? { permissions: appPermissions } : {}) },
    app_permissions: appPermissions,
    locale,
    entitlements: [] as [],
    attachment_size_limit: 10 * 1024 * 1024,
    ...where,
  };
}

/** `data.resolved` for user, channel and role options, as Discord fills it so discord.js can build objects. */
export function resolvedFor(world: FakeWorld, options: readonly InvocationOption[], guildId: string | undefined) {
  const users: Record<string, APIUser> = {};
  const members: Record<string, Omit<APIGuildMember, 'user' | 'deaf' | 'mute'> & { permissions: string }> = {};
  const channels: Record<string, { id: string; type: number; name?: string | null; permissions: string }> = {};
  const roles: Record<string, APIRole> = {};
  const visit = (option: InvocationOption): void => {
    const id = String(option.value);
    if (option.type === ApplicationCommandOptionType.User || option.type === ApplicationCommandOptionType.Mentionable) {
      if (world.users.has(id) || id === world.botUser.id) {
        users[id] = world.user(id);
        if (guildId && world.isMember(guildId, id)) {
          const { user: _user, deaf: _deaf, mute: _mute, ...member } = world.member(guildId, id);
          members[id] = { ...member, permissions: String(DEFAULT_MEMBER_PERMISSIONS) };
        }
      }
    }
    if (option.type === ApplicationCommandOptionType.Channel && world.channels.has(id)) {
      const channel = world.channel(id);
      const name = 'name' in channel ? channel.name : null;
      channels[id] = { id, type: channel.type, name, permissions: String(DEFAULT_MEMBER_PERMISSIONS) };
    }
    const mayBeRole = option.type === ApplicationCommandOptionType.Role || option.type === ApplicationCommandOptionType.Mentionable;
    if (mayBeRole && guildId) {
      const role = world.guild(guildId).roles.find((r) => r.id === id);
      if (role) roles[id] = role;
    }
    option.options?.forEach(visit);
  };
  options.forEach(visit);
  const resolved = { users, members, channels, roles };
  return Object.values(resolved).some((map) => Object.keys(map).length) ? { resolved } : {};
}
