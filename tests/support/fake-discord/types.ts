import type { ChannelType, GatewayMessageCreateDispatchData } from 'discord.js';

export interface UserSpec {
  id?: string;
  username?: string;
  globalName?: string;
}

export interface ChannelSpec {
  id?: string;
  name?: string;
  /** A forum holds only threads (posts), which members create with `createForumPost`. */
  type?: ChannelType.GuildText | ChannelType.GuildAnnouncement | ChannelType.GuildForum;
}

export interface GuildSpec {
  id?: string;
  name?: string;
  /** Defaults to one text channel named "general". */
  channels?: ChannelSpec[];
  /** Ids of users (from `users`) who are members; defaults to every user. The bot is always a member. */
  memberIds?: string[];
}

/** Privileged intents are switched on per application in the developer portal; identifying with one that is off closes 4014. */
export type PrivilegedIntent = 'GuildMembers' | 'GuildPresences' | 'MessageContent';

export interface FakeDiscordOptions {
  token?: string;
  botUsername?: string;
  /** People who talk to the bot; defaults to one user, "alice". */
  users?: UserSpec[];
  /** Defaults to one guild, "Test Guild", containing every user. */
  guilds?: GuildSpec[];
  /** Discord sends 41_250 ms; discord.js waits a random fraction of it before the first heartbeat. */
  heartbeatIntervalMs?: number;
  /** Privileged intents enabled "in the developer portal"; defaults to none, as for a new application. */
  enabledPrivilegedIntents?: PrivilegedIntent[];
  /** Discord's 3-second rule; only change it to test the fake itself. */
  interactionAckDeadlineMs?: number;
  /** Discord only delivers commands that were registered; set false to send commands the bot never registered. */
  requireRegisteredCommands?: boolean;
}

export interface UploadedFile {
  field: string;
  name: string;
  size: number;
  contentType: string;
  /** The bytes, so tests can read what the bot attached. */
  data: Buffer;
}

export interface RestRequestRecord {
  method: string;
  /** The API path after `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body (for multipart uploads: the parsed `payload_json`); undefined when there was none. */
  body: unknown;
  files: UploadedFile[];
  headers: Record<string, string>;
  timestamp: number;
  /** The status the fake answered with. */
  status: number;
}

export type ViolationKind =
  | 'message-limit'
  | 'empty-message'
  | 'allowed-mentions'
  | 'interaction-expired'
  | 'interaction-already-acknowledged'
  | 'interaction-callback-invalid'
  | 'unknown-interaction'
  | 'unknown-webhook'
  | 'invalid-command'
  | 'rejected-request';

/** Something the bot did that Discord would reject or that would misbehave for real users. */
export interface Violation {
  kind: ViolationKind;
  /** e.g. `POST /channels/123/messages`. */
  request: string;
  detail: string;
  body?: unknown;
}

/** How the bot created a message. */
export type MessageOrigin = 'user' | 'channel' | 'interaction-response' | 'followup';

export interface FakeMessage {
  readonly id: string;
  readonly channelId: string;
  readonly origin: MessageOrigin;
  readonly interactionId?: string;
  readonly ephemeral: boolean;
  /** The message as Discord would return it now (edits applied). */
  message: GatewayMessageCreateDispatchData;
  /** Every request body the bot sent for this message, oldest first: the create, then each edit. */
  readonly payloads: unknown[];
  /** Emoji the bot reacted with, in order. */
  readonly reactions: string[];
  deleted: boolean;
}
