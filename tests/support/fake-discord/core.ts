import {
  type APIThreadChannel,
  ApplicationFlags,
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  MessageFlags,
  RESTJSONErrorCodes,
} from 'discord.js';
import { randomBytes } from 'node:crypto';
import { CommandRegistry } from './commands.js';
import { FaultInjector } from './faults.js';
import { FakeGateway } from './gateway.js';
import type { FakeInteraction } from './interactions.js';
import { allowedMentionsProblem, describeProblems, isEmptyMessage, messageLimitProblems, type MessageBody } from './limits.js';
import { editedMessageJson, messageAsSeenBy, messageJson, visibleFields, type MessageJson, type NewMessage } from './messages.js';
import { discordError, invalidFormBody, type RestCall, type RestResponse } from './rest-support.js';
import type {
  FakeDiscordOptions,
  FakeMessage,
  MessageOrigin,
  PrivilegedIntent,
  RestRequestRecord,
  UploadedFile,
  Violation,
  ViolationKind,
} from './types.js';
import { StateChanges } from './waiting.js';
import { FakeWorld } from './world.js';

const PRIVILEGED_INTENT_BITS: Record<PrivilegedIntent, { intent: number; applicationFlag: number }> = {
  GuildMembers: { intent: GatewayIntentBits.GuildMembers, applicationFlag: ApplicationFlags.GatewayGuildMembersLimited },
  GuildPresences: { intent: GatewayIntentBits.GuildPresences, applicationFlag: ApplicationFlags.GatewayPresenceLimited },
  MessageContent: { intent: GatewayIntentBits.MessageContent, applicationFlag: ApplicationFlags.GatewayMessageContentLimited },
};

/** Bot tokens look like `base64(botId).timestamp.hmac`; discord.js only strips a "Bot " prefix, so the shape is cosmetic. */
function tokenFor(botId: string): string {
  const parts = [Buffer.from(botId), randomBytes(4), randomBytes(27)];
  return parts.map((part) => part.toString('base64url')).join('.');
}

/** The fake's shared state and the operations REST routes and the test-facing API both use. */
export class FakeDiscordCore {
  readonly changes = new StateChanges();
  readonly world: FakeWorld;
  readonly token: string;
  readonly applicationId: string;
  readonly commands: CommandRegistry;
  readonly gateway: FakeGateway;
  readonly faults = new FaultInjector();
  readonly interactions = new Map<string, FakeInteraction>();
  readonly violations: Violation[] = [];
  readonly requests: RestRequestRecord[] = [];
  readonly unknownRoutes: RestRequestRecord[] = [];
  readonly ackDeadlineMs: number;
  readonly requireRegisteredCommands: boolean;
  gatewayUrl = '';

  constructor(options: FakeDiscordOptions) {
    this.world = new FakeWorld(options);
    // Discord gives every bot an application whose id equals the bot user's id.
    this.applicationId = this.world.botUser.id;
    this.token = options.token ?? tokenFor(this.applicationId);
    this.commands = new CommandRegistry(this.world.ids, this.applicationId);
    this.ackDeadlineMs = options.interactionAckDeadlineMs ?? 3_000;
    this.requireRegisteredCommands = options.requireRegisteredCommands ?? true;
    const privileged = (options.enabledPrivilegedIntents ?? []).map((name) => PRIVILEGED_INTENT_BITS[name]);
    this.gateway = new FakeGateway({
      world: this.world,
      token: this.token,
      applicationId: this.applicationId,
      applicationFlags: privileged.reduce((flags, p) => flags | p.applicationFlag, 0),
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      enabledPrivilegedIntents: privileged.reduce((bits, p) => bits | p.intent, 0),
      changes: this.changes,
    });
  }

  recordViolation(kind: ViolationKind, call: RestCall, detail: string, body?: unknown): void {
    this.violations.push({ kind, request: call.label, detail, ...(body === undefined ? {} : { body }) });
    this.changes.notify();
  }

  /**
   * Checks a message create/edit body the way Discord does: hard limits reject with 50035, an empty result with
   * 50006; unsafe allowed_mentions are accepted (Discord would ping) but recorded. Returns the rejection, if any.
   */
  rejectMessagePayload(call: RestCall, body: MessageBody, resulting: MessageBody, fileCount: number): RestResponse | undefined {
    const problems = messageLimitProblems(body);
    if (problems.length) {
      this.recordViolation('message-limit', call, describeProblems(problems), body);
      return invalidFormBody(problems);
    }
    if (isEmptyMessage(resulting, fileCount)) {
      this.recordViolation('empty-message', call, 'Cannot send an empty message', body);
      return discordError(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, 'Cannot send an empty message');
    }
    const mentions = allowedMentionsProblem(body);
    if (mentions) this.recordViolation('allowed-mentions', call, mentions, body);
    return undefined;
  }

  createMessage(
    fields: NewMessage,
    origin: MessageOrigin,
    payload: unknown,
    interactionId?: string,
  ): FakeMessage {
    const message = messageJson(this.world, fields);
    const stored: FakeMessage = {
      id: message.id,
      channelId: message.channel_id,
      origin,
      ...(interactionId ? { interactionId } : {}),
      ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
      message,
      payloads: origin === 'user' ? [] : [payload],
      reactions: [],
      deleted: false,
    };
    this.world.addMessage(stored);
    if (!stored.ephemeral) this.dispatchMessage(GatewayDispatchEvents.MessageCreate, message);
    this.changes.notify();
    return stored;
  }

  /** The message an edit would produce, to validate before committing it. */
  previewEdit(stored: FakeMessage, body: MessageBody, files: UploadedFile[]): MessageJson {
    return editedMessageJson(this.world, stored.message, body, files);
  }

  commitEdit(stored: FakeMessage, edited: MessageJson, payload: unknown): void {
    stored.message = edited;
    stored.payloads.push(payload);
    if (!stored.ephemeral) this.dispatchMessage(GatewayDispatchEvents.MessageUpdate, edited);
    this.changes.notify();
  }

  deleteMessage(stored: FakeMessage): void {
    stored.deleted = true;
    if (!stored.ephemeral) {
      const { id, channel_id, guild_id } = stored.message;
      const deletion = { id, channel_id, ...(guild_id ? { guild_id } : {}) };
      this.gateway.dispatch(GatewayDispatchEvents.MessageDelete, deletion, this.messageAudience(stored.message));
    }
    this.changes.notify();
  }

  /** A thread appears: THREAD_CREATE to the guild's shard (it needs the GUILDS intent), `newly_created` as Discord marks it. */
  createThread(thread: Parameters<FakeWorld['addThread']>[0]): APIThreadChannel {
    const channel = this.world.addThread(thread);
    this.gateway.dispatch(GatewayDispatchEvents.ThreadCreate, { ...channel, newly_created: true }, { guildId: thread.guildId, requiredIntent: GatewayIntentBits.Guilds });
    this.changes.notify();
    return channel;
  }

  /** Validation for edits: the body's limits, and whether the edited message would still show something. */
  rejectEdit(call: RestCall, body: MessageBody, edited: MessageJson): RestResponse | undefined {
    return this.rejectMessagePayload(call, body, visibleFields(edited), 0);
  }

  /** The interaction whose token a webhook route carries, if it is still usable (acknowledged, under 15 minutes). */
  interactionForWebhook(applicationId: string, token: string): FakeInteraction | undefined {
    if (applicationId !== this.applicationId) return undefined;
    const interaction = [...this.interactions.values()].find((candidate) => candidate.token === token);
    if (!interaction?.callback || Date.now() > interaction.tokenExpiresAt) return undefined;
    return interaction;
  }

  private dispatchMessage(event: GatewayDispatchEvents, message: MessageJson): void {
    this.gateway.dispatch(event, message, {
      ...this.messageAudience(message),
      personalise: (data, session) => messageAsSeenBy(data as MessageJson, session, this.world.botUser.id),
    });
  }

  /** Message events need GUILD_MESSAGES in guilds and DIRECT_MESSAGES in DMs. */
  private messageAudience(message: MessageJson) {
    const isDm = this.world.channel(message.channel_id).type === ChannelType.DM;
    return {
      ...(message.guild_id ? { guildId: message.guild_id } : {}),
      requiredIntent: isDm ? GatewayIntentBits.DirectMessages : GatewayIntentBits.GuildMessages,
    };
  }
}
