import { ChannelType, RESTJSONErrorCodes } from 'discord.js';
import { commandProblems, type CommandJson } from './commands.js';
import type { FakeDiscordCore } from './core.js';
import { asMessageBody, describeProblems, problem } from './limits.js';
import type { MessageJson } from './messages.js';
import { guildPayload } from './payloads.js';
import { discordError, invalidFormBody, isRecord, json, NO_CONTENT, unknown, type RestCall, type RestResponse } from './rest-support.js';
import type { Route } from './server.js';

/** Session start limit: 1000 per day, reset_after in ms. discord.js caches GET /gateway/bot for reset_after ms. */
const SESSION_START_TOTAL = 1000;
const DAY_MS = 86_400_000;

function guildParam(call: RestCall, core: FakeDiscordCore): string | undefined {
  const guildId = call.params.guildId;
  return guildId && core.world.guilds.has(guildId) ? guildId : undefined;
}

/** What Discord answers a bot touching another application's commands. */
function missingAccess(): RestResponse {
  return discordError(403, RESTJSONErrorCodes.MissingAccess, 'Missing Access');
}

function registerCommands(call: RestCall, core: FakeDiscordCore, guildId: string | undefined): RestResponse {
  if (call.params.applicationId !== core.applicationId) return missingAccess();
  if (!Array.isArray(call.body)) return invalidFormBody([problem([], 'BASE_TYPE_ARRAY', 'Must be an array')]);
  const bodies = call.body as CommandJson[];
  const problems = bodies.flatMap((command, i) => commandProblems(command, [i]));
  const keys = bodies.map((c) => `${c.type ?? 1}:${c.name}`);
  const duplicate = keys.find((key, i) => keys.indexOf(key) !== i);
  if (duplicate) {
    problems.push(problem([], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique (${duplicate})`));
  }
  if (problems.length) {
    core.recordViolation('invalid-command', call, describeProblems(problems), call.body);
    return invalidFormBody(problems);
  }
  return json(core.commands.overwrite(guildId, bodies));
}

function createCommand(call: RestCall, core: FakeDiscordCore, guildId: string | undefined): RestResponse {
  if (call.params.applicationId !== core.applicationId) return missingAccess();
  const body = call.body as CommandJson;
  const problems = commandProblems(body, []);
  if (problems.length) {
    core.recordViolation('invalid-command', call, describeProblems(problems), call.body);
    return invalidFormBody(problems);
  }
  const { command, created } = core.commands.upsert(guildId, body);
  return json(command, created ? 201 : 200);
}

function postChannelMessage(call: RestCall, core: FakeDiscordCore): RestResponse {
  const channelId = call.params.channelId as string;
  if (!core.world.channels.has(channelId)) return unknown.channel();
  const body = asMessageBody(call.body);
  const rejection = core.rejectMessagePayload(call, body, body, call.files.length);
  if (rejection) return rejection;
  let referencedMessage: MessageJson | undefined;
  const reference = body.message_reference;
  if (reference?.message_id) {
    const target = core.world.messages.get(reference.message_id);
    if (target && target.channelId === channelId && !target.deleted) {
      referencedMessage = target.message;
    } else if (reference.fail_if_not_exists !== false) {
      const detail = `message_reference ${reference.message_id} does not exist in channel ${channelId}`;
      core.recordViolation('rejected-request', call, detail, body);
      return invalidFormBody([problem(['message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message')]);
    }
  }
  // A reply pings the replied-to author unless allowed_mentions.replied_user is false.
  const pingsAuthor = referencedMessage && (body.allowed_mentions?.replied_user ?? !body.allowed_mentions);
  const created = core.createMessage(
    {
      id: core.world.ids.next(),
      channelId,
      author: core.world.botUser,
      body,
      files: call.files,
      ...(referencedMessage ? { referencedMessage } : {}),
      ...(pingsAuthor && referencedMessage ? { mentions: [referencedMessage.author] } : {}),
    },
    'channel',
    call.body,
  );
  return json(created.message);
}

function editChannelMessage(call: RestCall, core: FakeDiscordCore): RestResponse {
  const stored = core.world.messages.get(call.params.messageId as string);
  if (!stored || stored.deleted || stored.channelId !== call.params.channelId || stored.ephemeral) return unknown.message();
  if (stored.message.author.id !== core.world.botUser.id) {
    core.recordViolation('rejected-request', call, 'edited a message authored by another user', call.body);
    const code = RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser;
    return discordError(403, code, 'Cannot edit a message authored by another user');
  }
  const body = asMessageBody(call.body);
  const edited = core.previewEdit(stored, body, call.files);
  const rejection = core.rejectEdit(call, body, edited);
  if (rejection) return rejection;
  core.commitEdit(stored, edited, call.body);
  return json(stored.message);
}

/** Discord's auto-archive durations, in minutes; anything else is 50035. */
const AUTO_ARCHIVE_MINUTES = new Set([60, 1440, 4320, 10080]);
const THREAD_NAME_MAX = 100;

/** POST /channels/:channelId/messages/:messageId/threads: a public thread from a message, with the message's id. */
function startThreadFromMessage(call: RestCall, core: FakeDiscordCore): RestResponse {
  const channelId = call.params.channelId as string;
  const channel = core.world.channels.get(channelId);
  if (!channel) return unknown.channel();
  const stored = core.world.messages.get(call.params.messageId as string);
  if (!stored || stored.deleted || stored.ephemeral || stored.channelId !== channelId) return unknown.message();
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
    core.recordViolation('rejected-request', call, `channel type ${channel.type} cannot have threads started from a message`, call.body);
    return discordError(400, RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType, 'Cannot execute action on this channel type');
  }
  if (core.world.channels.has(stored.id)) {
    core.recordViolation('rejected-request', call, 'a thread was already started from this message', call.body);
    return discordError(400, RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage, 'A thread has already been created for this message');
  }
  const body = isRecord(call.body) ? call.body : {};
  const name = typeof body.name === 'string' ? body.name : '';
  const minutes = Number(body.auto_archive_duration ?? 4320);
  const problems = [
    ...(name.trim().length < 1 || name.length > THREAD_NAME_MAX ? [problem(['name'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${THREAD_NAME_MAX} in length.`)] : []),
    ...(AUTO_ARCHIVE_MINUTES.has(minutes) ? [] : [problem(['auto_archive_duration'], 'BASE_TYPE_CHOICES', 'Value must be one of {60, 1440, 4320, 10080}.')]),
  ];
  if (problems.length) {
    core.recordViolation('rejected-request', call, describeProblems(problems), call.body);
    return invalidFormBody(problems);
  }
  const guildId = core.world.guildIdOfChannel(channelId) as string;
  return json(core.createThread({ id: stored.id, guildId, parentId: channelId, ownerId: core.world.botUser.id, name, autoArchiveMinutes: minutes }), 201);
}

function channelMessage(call: RestCall, core: FakeDiscordCore) {
  const stored = core.world.messages.get(call.params.messageId as string);
  return stored && !stored.deleted && !stored.ephemeral && stored.channelId === call.params.channelId ? stored : undefined;
}

export const restRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/gateway/bot',
    auth: true,
    handle: (_call, core) =>
      json({
        url: core.gatewayUrl,
        shards: 1,
        session_start_limit: {
          total: SESSION_START_TOTAL,
          remaining: core.gateway.sessionStartsRemaining,
          reset_after: DAY_MS,
          max_concurrency: 1,
        },
      }),
  },
  { method: 'GET', pattern: '/gateway', auth: false, handle: (_call, core) => json({ url: core.gatewayUrl }) },
  { method: 'GET', pattern: '/users/@me', auth: true, handle: (_call, core) => json(core.world.botUser) },
  {
    method: 'GET',
    pattern: '/users/:userId',
    auth: true,
    handle: (call, core) => {
      const id = call.params.userId as string;
      return id === core.world.botUser.id || core.world.users.has(id) ? json(core.world.user(id)) : unknown.user();
    },
  },
  {
    method: 'POST',
    pattern: '/users/@me/channels',
    auth: true,
    handle: (call, core) => {
      const recipient = isRecord(call.body) ? String(call.body.recipient_id) : '';
      return core.world.users.has(recipient) ? json(core.world.dmChannelWith(recipient)) : unknown.user();
    },
  },
  {
    method: 'GET',
    pattern: '/applications/@me',
    auth: true,
    handle: (_call, core) =>
      json({
        id: core.applicationId,
        name: core.world.botUser.username,
        icon: null,
        description: '',
        bot_public: false,
        bot_require_code_grant: false,
        verify_key: '0'.repeat(64),
        flags: 0,
        bot: core.world.botUser,
        owner: [...core.world.users.values()][0],
        team: null,
        approximate_guild_count: core.world.guilds.size,
      }),
  },
  {
    method: 'GET',
    pattern: '/applications/:applicationId/commands',
    auth: true,
    handle: (call, core) => (call.params.applicationId === core.applicationId ? json(core.commands.list(undefined)) : missingAccess()),
  },
  { method: 'PUT', pattern: '/applications/:applicationId/commands', auth: true, handle: (call, core) => registerCommands(call, core, undefined) },
  { method: 'POST', pattern: '/applications/:applicationId/commands', auth: true, handle: (call, core) => createCommand(call, core, undefined) },
  {
    method: 'DELETE',
    pattern: '/applications/:applicationId/commands/:commandId',
    auth: true,
    handle: (call, core) => (core.commands.remove(undefined, call.params.commandId as string) ? NO_CONTENT : unknown.command()),
  },
  {
    method: 'GET',
    pattern: '/applications/:applicationId/guilds/:guildId/commands',
    auth: true,
    handle: (call, core) => {
      const guildId = guildParam(call, core);
      return guildId ? json(core.commands.list(guildId)) : unknown.guild();
    },
  },
  {
    method: 'PUT',
    pattern: '/applications/:applicationId/guilds/:guildId/commands',
    auth: true,
    handle: (call, core) => {
      const guildId = guildParam(call, core);
      return guildId ? registerCommands(call, core, guildId) : unknown.guild();
    },
  },
  {
    method: 'POST',
    pattern: '/applications/:applicationId/guilds/:guildId/commands',
    auth: true,
    handle: (call, core) => {
      const guildId = guildParam(call, core);
      return guildId ? createCommand(call, core, guildId) : unknown.guild();
    },
  },
  {
    method: 'GET',
    pattern: '/guilds/:guildId',
    auth: true,
    handle: (call, core) => {
      const guildId = guildParam(call, core);
      return guildId ? json(guildPayload(core.world.guild(guildId))) : unknown.guild();
    },
  },
  {
    method: 'GET',
    pattern: '/guilds/:guildId/channels',
    auth: true,
    handle: (call, core) => {
      const guildId = guildParam(call, core);
      return guildId ? json(core.world.guild(guildId).channelIds.map((id) => core.world.channel(id))) : unknown.guild();
    },
  },
  {
    method: 'GET',
    pattern: '/guilds/:guildId/roles',
    auth: true,
    handle: (call, core) => {
      const guildId = guildParam(call, core);
      return guildId ? json(core.world.guild(guildId).roles) : unknown.guild();
    },
  },
  {
    method: 'GET',
    pattern: '/guilds/:guildId/members/:userId',
    auth: true,
    handle: (call, core) => {
      const guildId = guildParam(call, core);
      if (!guildId) return unknown.guild();
      const userId = call.params.userId as string;
      return core.world.isMember(guildId, userId) ? json(core.world.member(guildId, userId)) : unknown.member();
    },
  },
  {
    method: 'GET',
    pattern: '/channels/:channelId',
    auth: true,
    handle: (call, core) => {
      const channel = core.world.channels.get(call.params.channelId as string);
      return channel ? json(channel) : unknown.channel();
    },
  },
  { method: 'POST', pattern: '/channels/:channelId/messages', auth: true, handle: postChannelMessage },
  {
    method: 'GET',
    pattern: '/channels/:channelId/messages',
    auth: true,
    handle: (call, core) => {
      const channelId = call.params.channelId as string;
      if (!core.world.channels.has(channelId)) return unknown.channel();
      const limit = Math.min(Number(call.query.get('limit') ?? 50), 100);
      // Newest first, as Discord returns them.
      return json(core.world.channelHistory(channelId).reverse().slice(0, limit).map((m) => m.message));
    },
  },
  {
    method: 'GET',
    pattern: '/channels/:channelId/messages/:messageId',
    auth: true,
    handle: (call, core) => {
      const stored = channelMessage(call, core);
      return stored ? json(stored.message) : unknown.message();
    },
  },
  { method: 'PATCH', pattern: '/channels/:channelId/messages/:messageId', auth: true, handle: editChannelMessage },
  {
    method: 'DELETE',
    pattern: '/channels/:channelId/messages/:messageId',
    auth: true,
    handle: (call, core) => {
      const stored = channelMessage(call, core);
      if (!stored) return unknown.message();
      core.deleteMessage(stored);
      return NO_CONTENT;
    },
  },
  {
    method: 'POST',
    pattern: '/channels/:channelId/typing',
    auth: true,
    handle: (call, core) => (core.world.channels.has(call.params.channelId as string) ? NO_CONTENT : unknown.channel()),
  },
  { method: 'POST', pattern: '/channels/:channelId/messages/:messageId/threads', auth: true, handle: startThreadFromMessage },
  {
    method: 'PUT',
    pattern: '/channels/:channelId/messages/:messageId/reactions/:emoji/@me',
    auth: true,
    handle: (call, core) => {
      const stored = channelMessage(call, core);
      if (!stored) return unknown.message();
      const emoji = call.params.emoji as string;
      if (!stored.reactions.includes(emoji)) stored.reactions.push(emoji);
      core.changes.notify();
      return NO_CONTENT;
    },
  },
];

