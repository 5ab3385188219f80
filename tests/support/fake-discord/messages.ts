import {
  ChannelType,
  GatewayIntentBits,
  MessageFlags,
  MessageType,
  type APIAttachment,
  type GatewayMessageCreateDispatchData,
  type APIMessageTopLevelComponent,
  type APIUser,
} from 'discord.js';
import type { GatewaySession } from './gateway-session.js';
import type { MessageBody } from './limits.js';
import type { UploadedFile } from './types.js';
import type { FakeWorld } from './world.js';

/** Messages as the gateway sends them (with guild_id, member, channel_type); REST returns the same shape. */
export type MessageJson = GatewayMessageCreateDispatchData;

/** Flags a sender may set; Discord ignores the rest. */
const SETTABLE_FLAGS =
  MessageFlags.SuppressEmbeds | MessageFlags.Ephemeral | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;

export interface NewMessage {
  id: string;
  channelId: string;
  author: APIUser;
  body: MessageBody;
  files: UploadedFile[];
  type?: MessageType;
  /** Flags the server sets (e.g. Loading for a deferred reply), added to the settable ones from the body. */
  extraFlags?: number;
  /** Interaction responses and follow-ups are sent through the application's webhook. */
  webhookId?: string;
  interactionMetadata?: MessageJson['interaction_metadata'];
  referencedMessage?: MessageJson;
  mentions?: APIUser[];
}

function attachmentsFor(channelId: string, files: UploadedFile[], world: FakeWorld): APIAttachment[] {
  return files.map((file) => {
    const id = world.ids.next();
    const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(file.name)}`;
    return { id, filename: file.name, size: file.size, url, proxy_url: url, content_type: file.contentType };
  });
}

/** A message as Discord stores and returns it (REST responses and gateway events). */
export function messageJson(world: FakeWorld, message: NewMessage): MessageJson {
  const guildId = world.guildIdOfChannel(message.channelId);
  const channelType = world.channel(message.channelId).type;
  return {
    id: message.id,
    channel_id: message.channelId,
    ...(guildId ? { guild_id: guildId } : {}),
    channel_type: channelType,
    author: message.author,
    ...(guildId && !message.webhookId
      ? { member: (({ user: _user, ...member }) => member)(world.member(guildId, message.author.id)) }
      : {}),
    content: message.body.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: message.mentions ?? [],
    mention_roles: [],
    attachments: attachmentsFor(message.channelId, message.files, world),
    embeds: message.body.embeds ?? [],
    components: (message.body.components ?? []) as APIMessageTopLevelComponent[],
    pinned: false,
    type: message.type ?? (message.referencedMessage ? MessageType.Reply : MessageType.Default),
    flags: ((message.body.flags ?? 0) & SETTABLE_FLAGS) | (message.extraFlags ?? 0),
    ...(message.webhookId ? { webhook_id: message.webhookId, application_id: message.webhookId } : {}),
    ...(message.interactionMetadata ? { interaction_metadata: message.interactionMetadata } : {}),
    ...(message.referencedMessage
      ? {
          message_reference: {
            type: 0,
            message_id: message.referencedMessage.id,
            channel_id: message.channelId,
            ...(guildId ? { guild_id: guildId } : {}),
          },
          referenced_message: message.referencedMessage,
        }
      : {}),
  } as MessageJson;
}

/** Applies a PATCH: only the fields present change; flags keep server-set bits (minus Loading, which an edit ends). */
export function editedMessageJson(world: FakeWorld, current: MessageJson, body: MessageBody, files: UploadedFile[]): MessageJson {
  const keptAttachments =
    body.attachments === undefined || body.attachments === null
      ? current.attachments
      : current.attachments.filter((a) => (body.attachments as { id?: string }[]).some((kept) => String(kept.id) === a.id));
  const serverFlags = (current.flags ?? 0) & ~SETTABLE_FLAGS & ~MessageFlags.Loading;
  const userFlags = (body.flags ?? current.flags ?? 0) & SETTABLE_FLAGS;
  const ephemeral = (current.flags ?? 0) & MessageFlags.Ephemeral;
  return {
    ...current,
    ...(body.content !== undefined ? { content: body.content ?? '' } : {}),
    ...(body.embeds !== undefined ? { embeds: body.embeds ?? [] } : {}),
    ...(body.components !== undefined ? { components: (body.components ?? []) as APIMessageTopLevelComponent[] } : {}),
    attachments: [...keptAttachments, ...attachmentsFor(current.channel_id, files, world)],
    flags: serverFlags | userFlags | ephemeral,
    // The first edit of a deferred reply is what users see as the reply, so Discord does not mark it edited.
    edited_timestamp: (current.flags ?? 0) & MessageFlags.Loading ? null : new Date().toISOString(),
  };
}

/** The body fields that make up a message's visible state, for checking edits against the 50006 rule. */
export function visibleFields(message: MessageJson): MessageBody {
  return {
    content: message.content,
    embeds: message.embeds,
    components: message.components as MessageBody['components'],
    attachments: message.attachments,
  };
}

/**
 * Without the MESSAGE_CONTENT intent Discord blanks content, embeds, attachments and components of messages
 * the bot did not write, except in DMs and messages that mention the bot.
 */
export function messageAsSeenBy(message: MessageJson, session: GatewaySession, botId: string): MessageJson {
  const visible =
    session.hasIntent(GatewayIntentBits.MessageContent) ||
    message.author.id === botId ||
    message.channel_type === ChannelType.DM ||
    message.mentions.some((user) => user.id === botId);
  const referenced = message.referenced_message
    ? { referenced_message: messageAsSeenBy(message.referenced_message, session, botId) }
    : {};
  if (visible) return { ...message, ...referenced };
  return { ...message, ...referenced, content: '', embeds: [], attachments: [], components: [] };
}

/** `<@id>` / `<@!id>` mentions of known users, as Discord resolves them into `mentions`. */
export function mentionedUsers(world: FakeWorld, content: string): APIUser[] {
  const ids = [...content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1] as string);
  return [...new Set(ids)].filter((id) => id === world.botUser.id || world.users.has(id)).map((id) => world.user(id));
}
