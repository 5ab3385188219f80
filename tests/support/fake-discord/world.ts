import { type APIChannel, type APIGuildForumChannel, type APIGuildMember, type APITextChannel, type APIThreadChannel, type APIUser, ChannelType } from 'discord.js';
import {
  DEFAULT_MEMBER_PERMISSIONS,
  dmChannelPayload,
  forumChannelPayload,
  guildCreatePayload,
  memberPayload,
  rolePayload,
  textChannelPayload,
  threadChannelPayload,
  userPayload,
  type GuildShape,
} from './payloads.js';
import { SnowflakeFactory } from './snowflake.js';
import type { FakeDiscordOptions, FakeMessage } from './types.js';

export interface FakeGuild extends GuildShape {
  channelIds: string[];
  memberIds: string[];
  botRoleId: string;
}

/** The fake's model of Discord's data: users, guilds, channels and messages. */
export class FakeWorld {
  readonly ids = new SnowflakeFactory();
  readonly botUser: APIUser;
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, FakeGuild>();
  readonly channels = new Map<string, APIChannel>();
  readonly messages = new Map<string, FakeMessage>();
  private readonly dmChannelByUser = new Map<string, string>();

  constructor(options: FakeDiscordOptions) {
    this.botUser = userPayload(this.ids.next(), options.botUsername ?? 'citebot', { bot: true });
    const userSpecs = options.users ?? [{ username: 'alice' }];
    for (const [index, spec] of userSpecs.entries()) {
      const user = userPayload(spec.id ?? this.ids.next(), spec.username ?? `user${index}`, { globalName: spec.globalName });
      this.users.set(user.id, user);
    }
    for (const [index, spec] of (options.guilds ?? [{}]).entries()) {
      const id = spec.id ?? this.ids.next();
      const botRoleId = this.ids.next();
      const memberIds = spec.memberIds ?? [...this.users.keys()];
      const guild: FakeGuild = {
        id,
        name: spec.name ?? (index === 0 ? 'Test Guild' : `Guild ${index}`),
        ownerId: memberIds[0] ?? this.botUser.id,
        // The @everyone role's id is the guild id; discord.js computes permissions from it.
        roles: [
          rolePayload(id, '@everyone', DEFAULT_MEMBER_PERMISSIONS),
          rolePayload(botRoleId, this.botUser.username, DEFAULT_MEMBER_PERMISSIONS, this.botUser.id),
        ],
        joinedAt: new Date().toISOString(),
        channelIds: [],
        memberIds,
        botRoleId,
      };
      for (const [position, channelSpec] of (spec.channels ?? [{ name: 'general' }]).entries()) {
        const channelId = channelSpec.id ?? this.ids.next();
        const channelName = channelSpec.name ?? `channel-${position}`;
        const channel =
          channelSpec.type === ChannelType.GuildForum
            ? forumChannelPayload(channelId, id, channelName, position)
            : textChannelPayload(channelId, id, channelName, position, channelSpec.type);
        this.channels.set(channel.id, channel);
        guild.channelIds.push(channel.id);
      }
      this.guilds.set(id, guild);
    }
  }

  user(id: string): APIUser {
    const user = id === this.botUser.id ? this.botUser : this.users.get(id);
    if (!user) throw new Error(`fake-discord: unknown user ${id}`);
    return user;
  }

  guild(id: string): FakeGuild {
    const guild = this.guilds.get(id);
    if (!guild) throw new Error(`fake-discord: unknown guild ${id}`);
    return guild;
  }

  channel(id: string): APIChannel {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`fake-discord: unknown channel ${id}`);
    return channel;
  }

  /** The guild a channel belongs to, or undefined for DMs. */
  guildIdOfChannel(channelId: string): string | undefined {
    const channel = this.channel(channelId);
    return 'guild_id' in channel ? channel.guild_id : undefined;
  }

  isMember(guildId: string, userId: string): boolean {
    return userId === this.botUser.id || this.guild(guildId).memberIds.includes(userId);
  }

  member(guildId: string, userId: string): APIGuildMember {
    const guild = this.guild(guildId);
    const roles = userId === this.botUser.id ? [guild.botRoleId] : [];
    return memberPayload(this.user(userId), roles, guild.joinedAt);
  }

  /** Discord creates one DM channel per user pair, on demand (POST /users/@me/channels or a user's first DM). */
  dmChannelWith(userId: string): APIChannel {
    const existing = this.dmChannelByUser.get(userId);
    if (existing) return this.channel(existing);
    const channel = dmChannelPayload(this.ids.next(), this.user(userId));
    this.channels.set(channel.id, channel);
    this.dmChannelByUser.set(userId, channel.id);
    return channel;
  }

  /** GUILD_CREATE; without the GUILD_MEMBERS intent Discord includes only the bot's own member. */
  guildCreate(guildId: string, includeAllMembers: boolean) {
    const guild = this.guild(guildId);
    const memberIds = includeAllMembers ? [this.botUser.id, ...guild.memberIds] : [this.botUser.id];
    // Guilds hold the text and forum channels the constructor created; threads are created later and sent on their own.
    const channels = guild.channelIds.map((id) => this.channel(id) as APITextChannel | APIGuildForumChannel);
    return guildCreatePayload(
      guild,
      channels,
      memberIds.map((id) => this.member(guildId, id)),
      guild.memberIds.length + 1,
    );
  }

  /** A public thread in a guild channel (the thread's own id is its channel id, as Discord does). */
  addThread(thread: Parameters<typeof threadChannelPayload>[0]): APIThreadChannel {
    const channel = threadChannelPayload(thread);
    this.channels.set(channel.id, channel);
    return channel;
  }

  threadsOf(parentId: string): APIThreadChannel[] {
    return [...this.channels.values()].filter((channel): channel is APIThreadChannel => 'parent_id' in channel && channel.parent_id === parentId && 'thread_metadata' in channel);
  }

  addMessage(message: FakeMessage): void {
    this.messages.set(message.id, message);
  }

  /** Messages in a channel, oldest first (ephemeral ones never appear in channel history). */
  channelHistory(channelId: string): FakeMessage[] {
    return [...this.messages.values()].filter((m) => m.channelId === channelId && !m.deleted && !m.ephemeral);
  }
}
