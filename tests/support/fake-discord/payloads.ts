import {
  ChannelType,
  type ChannelFlags,
  type GuildMemberFlags,
  type GuildSystemChannelFlags,
  type RoleFlags,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  Locale,
  PermissionFlagsBits,
  type APIDMChannel,
  type APIGuildForumChannel,
  type APIThreadChannel,
  ForumLayoutType,
  ThreadAutoArchiveDuration,
  type APIGuild,
  type APIGuildMember,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from 'discord.js';

/** What an ordinary member may do; the fake has no permission overwrites, so this is also the channel permission. */
export const DEFAULT_MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands;

export function userPayload(id: string, username: string, options: { bot?: boolean; globalName?: string } = {}): APIUser {
  return {
    id,
    username,
    // Pomelo (unique) usernames have discriminator "0"; discord.js formats tags from it.
    discriminator: '0',
    global_name: options.globalName ?? null,
    avatar: null,
    ...(options.bot ? { bot: true } : {}),
  };
}

export function rolePayload(id: string, name: string, permissions: bigint, botId?: string): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position: botId ? 1 : 0,
    permissions: permissions.toString(),
    managed: botId !== undefined,
    mentionable: false,
    flags: 0 as RoleFlags,
    ...(botId ? { tags: { bot_id: botId } } : {}),
  };
}

export function memberPayload(user: APIUser, roleIds: string[], joinedAt: string): APIGuildMember {
  return {
    user,
    nick: null,
    avatar: null,
    banner: null,
    roles: roleIds,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
  };
}

export function textChannelPayload(
  id: string,
  guildId: string,
  name: string,
  position: number,
  type: ChannelType.GuildText | ChannelType.GuildAnnouncement = ChannelType.GuildText,
): APITextChannel {
  return {
    id,
    guild_id: guildId,
    // GuildAnnouncement shares the text channel shape; discord.js builds a NewsChannel from the type.
    type: type as ChannelType.GuildText,
    name,
    position,
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: [],
    flags: 0 as ChannelFlags,
  };
}

/** A forum channel: it holds only threads (posts), each started with its opening message. */
export function forumChannelPayload(id: string, guildId: string, name: string, position: number): APIGuildForumChannel {
  return {
    id,
    guild_id: guildId,
    type: ChannelType.GuildForum,
    name,
    position,
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: [],
    flags: 0 as ChannelFlags,
    available_tags: [],
    default_reaction_emoji: null,
    default_thread_rate_limit_per_user: 0,
    default_sort_order: null,
    default_forum_layout: ForumLayoutType.NotSet,
    default_auto_archive_duration: ThreadAutoArchiveDuration.ThreeDays,
  };
}

/** A public thread: started from a message (same id as the message), or a forum post. */
export function threadChannelPayload(thread: {
  id: string;
  guildId: string;
  parentId: string;
  ownerId: string;
  name: string;
  autoArchiveMinutes: number;
}): APIThreadChannel {
  const now = new Date().toISOString();
  return {
    id: thread.id,
    guild_id: thread.guildId,
    parent_id: thread.parentId,
    owner_id: thread.ownerId,
    type: ChannelType.PublicThread,
    name: thread.name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0 as ChannelFlags,
    applied_tags: [],
    thread_metadata: {
      archived: false,
      auto_archive_duration: thread.autoArchiveMinutes as ThreadAutoArchiveDuration,
      archive_timestamp: now,
      locked: false,
      create_timestamp: now,
    },
  } as APIThreadChannel;
}

export function dmChannelPayload(id: string, recipient: APIUser): APIDMChannel {
  return { id, type: ChannelType.DM, name: null, recipients: [recipient], last_message_id: null, flags: 0 as ChannelFlags };
}

export interface GuildShape {
  id: string;
  name: string;
  ownerId: string;
  roles: APIRole[];
  joinedAt: string;
}

/** The guild object REST returns (GET /guilds/:id): no channels or members, unlike GUILD_CREATE. */
export function guildPayload(guild: GuildShape): APIGuild {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: guild.roles,
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_progress_bar_enabled: false,
    preferred_locale: Locale.EnglishUS,
    nsfw_level: GuildNSFWLevel.Default,
    hub_type: null,
    incidents_data: null,
  };
}

/** GUILD_CREATE as sent after READY: the full guild plus channels, members visible to the bot's intents, etc. */
export function guildCreatePayload(
  guild: GuildShape,
  channels: (APITextChannel | APIGuildForumChannel)[],
  members: APIGuildMember[],
  memberCount: number,
): GatewayGuildCreateDispatchData {
  return {
    ...guildPayload(guild),
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: memberCount,
    voice_states: [],
    members,
    channels,
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
