import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayIdentifyData,
  type GatewayReadyDispatchData,
  type GatewayRequestGuildMembersData,
  type GatewayResumeData,
} from 'discord.js';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { GatewayEncoder } from './gateway-encoding.js';
import { GatewayConnection, GatewaySession } from './gateway-session.js';
import { shardForGuild } from './snowflake.js';
import type { StateChanges } from './waiting.js';
import type { FakeWorld } from './world.js';

export const GATEWAY_PATH = '/gateway';

/** Discord's max_concurrency 1: one IDENTIFY per 5 s; faster ones get op 9. A little slack for loopback jitter. */
const IDENTIFY_SPACING_MS = 5_000 - 250;
const ALL_INTENTS = Object.values(GatewayIntentBits)
  .filter((bit): bit is number => typeof bit === 'number')
  .reduce((all, bit) => all | bit, 0);
const PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

/** Discord closes with 4002 on client payloads over 4096 bytes and with 4008 past 120 payloads per 60 s. */
const CLIENT_PAYLOAD_MAX_BYTES = 4096;
const CLIENT_SEND_LIMIT = 120;
const CLIENT_SEND_WINDOW_MS = 60_000;

/** Closes after which Discord will not resume the session. */
const SESSION_ENDING_CLOSE_CODES = new Set<number>([
  GatewayCloseCodes.AuthenticationFailed,
  GatewayCloseCodes.InvalidSeq,
  GatewayCloseCodes.SessionTimedOut,
  GatewayCloseCodes.InvalidShard,
  GatewayCloseCodes.ShardingRequired,
  GatewayCloseCodes.InvalidAPIVersion,
  GatewayCloseCodes.InvalidIntents,
  GatewayCloseCodes.DisallowedIntents,
]);

const CLOSE_REASONS: Record<number, string> = {
  [GatewayCloseCodes.UnknownError]: 'Unknown error.',
  [GatewayCloseCodes.UnknownOpcode]: 'Unknown opcode.',
  [GatewayCloseCodes.DecodeError]: 'Error while decoding payload.',
  [GatewayCloseCodes.NotAuthenticated]: 'Not authenticated.',
  [GatewayCloseCodes.AuthenticationFailed]: 'Authentication failed.',
  [GatewayCloseCodes.AlreadyAuthenticated]: 'Already authenticated.',
  [GatewayCloseCodes.InvalidSeq]: 'Invalid seq.',
  [GatewayCloseCodes.RateLimited]: 'Rate limited.',
  [GatewayCloseCodes.SessionTimedOut]: 'Session timed out.',
  [GatewayCloseCodes.InvalidShard]: 'Invalid shard.',
  [GatewayCloseCodes.InvalidAPIVersion]: 'Invalid API version.',
  [GatewayCloseCodes.InvalidIntents]: 'Invalid intent(s).',
  [GatewayCloseCodes.DisallowedIntents]: 'Disallowed intent(s).',
};

export interface GatewayConfig {
  world: FakeWorld;
  token: string;
  applicationId: string;
  applicationFlags: number;
  heartbeatIntervalMs: number;
  /** Privileged intent bits switched on for the application. */
  enabledPrivilegedIntents: number;
  changes: StateChanges;
}

/** Who receives a dispatch: the shard owning the guild (DMs: shard 0), filtered by the intent Discord requires. */
export interface DispatchAudience {
  guildId?: string;
  requiredIntent?: number;
  /** Adjusts the payload per session, e.g. blanking message content without the MESSAGE_CONTENT intent. */
  personalise?: (data: unknown, session: GatewaySession) => unknown;
}

interface ClientFrame {
  op: number;
  d: unknown;
}

/** Discord's gateway for one bot: HELLO, heartbeats, IDENTIFY/READY, RESUME with replay, close codes. */
export class FakeGateway {
  identifies = 0;
  resumes = 0;
  heartbeats = 0;
  sessionStartsRemaining = 1000;
  private lastIdentifyAt = Number.NEGATIVE_INFINITY;
  private readonly sessions: GatewaySession[] = [];
  private readonly connections = new Set<GatewayConnection>();
  private server: WebSocketServer | undefined;
  private url = '';

  constructor(private readonly config: GatewayConfig) {}

  attach(httpServer: Server, url: string): void {
    this.url = url;
    this.server = new WebSocketServer({ server: httpServer, path: GATEWAY_PATH });
    this.server.on('connection', (socket, request) => this.accept(socket, request));
  }

  sessionShards(): (readonly [number, number])[] {
    return this.sessions.map((session) => session.shard);
  }

  /** True while some connection has received READY (and its GUILD_CREATEs) or RESUMED and is still open. */
  isReady(): boolean {
    return [...this.connections].some((connection) => connection.state === 'ready');
  }

  dispatch(event: GatewayDispatchEvents, data: unknown, audience: DispatchAudience = {}): void {
    for (const session of this.sessions) {
      if (!session.valid) continue;
      const [shardId, shardCount] = session.shard;
      const owner = audience.guildId ? shardForGuild(audience.guildId, shardCount) : 0;
      if (owner !== shardId) continue;
      if (audience.requiredIntent !== undefined && !session.hasIntent(audience.requiredIntent)) continue;
      session.dispatch(event, audience.personalise ? audience.personalise(data, session) : data);
    }
  }

  /** Closes every open connection like Discord would; 4007/4009 (and auth/intent errors) also end the session. */
  close(code: number, reason = CLOSE_REASONS[code] ?? 'Closed by fake-discord.'): void {
    for (const connection of this.connections) {
      if (connection.state !== 'closing') this.closeConnection(connection, code, reason);
    }
  }

  /** Op 9 on every ready connection. `resumable` true invites a RESUME on the same connection; false ends the session. */
  invalidateSession(resumable: boolean): void {
    for (const connection of this.connections) {
      const session = connection.session;
      if (connection.state !== 'ready' || !session) continue;
      session.connection = undefined;
      session.valid = resumable;
      connection.session = undefined;
      connection.state = 'connecting';
      connection.send({ op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
    }
    this.config.changes.notify();
  }

  async stop(): Promise<void> {
    for (const connection of this.connections) connection.socket.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const params = new URL(request.url ?? '/', 'ws://fake').searchParams;
    const compress = params.get('compress');
    const encoder = new GatewayEncoder(compress === 'zlib-stream' ? 'zlib-stream' : 'none', (frame) => socket.send(frame));
    const connection = new GatewayConnection(socket, encoder);
    this.connections.add(connection);
    socket.on('message', (data, isBinary) => this.receive(connection, data, isBinary));
    socket.on('close', (code) => this.closed(connection, code));

    if (params.get('v') !== '10') return this.closeConnection(connection, GatewayCloseCodes.InvalidAPIVersion);
    if ((params.get('encoding') ?? 'json') !== 'json') {
      return this.closeConnection(connection, GatewayCloseCodes.DecodeError, 'fake-discord only speaks encoding=json');
    }
    if (compress !== null && compress !== 'zlib-stream') {
      const reason = `fake-discord does not support compress=${compress}`;
      return this.closeConnection(connection, GatewayCloseCodes.DecodeError, reason);
    }
    connection.send({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.config.heartbeatIntervalMs }, s: null, t: null });
  }

  private receive(connection: GatewayConnection, data: RawData, isBinary: boolean): void {
    if (connection.state === 'closing') return;
    if (connection.countSend(Date.now(), CLIENT_SEND_WINDOW_MS) > CLIENT_SEND_LIMIT) {
      return this.closeConnection(connection, GatewayCloseCodes.RateLimited);
    }
    const size = Array.isArray(data) ? data.reduce((total, part) => total + part.length, 0) : data.byteLength;
    const frame = isBinary || size > CLIENT_PAYLOAD_MAX_BYTES ? undefined : parseFrame(data);
    if (!frame) return this.closeConnection(connection, GatewayCloseCodes.DecodeError);
    switch (frame.op) {
      case GatewayOpcodes.Heartbeat:
        this.heartbeats += 1;
        connection.send({ op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        return;
      case GatewayOpcodes.Identify:
        this.identifies += 1;
        return this.identify(connection, frame.d as GatewayIdentifyData);
      case GatewayOpcodes.Resume:
        this.resumes += 1;
        return this.resume(connection, frame.d as GatewayResumeData);
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
        if (!connection.session) return this.closeConnection(connection, GatewayCloseCodes.NotAuthenticated);
        if (frame.op === GatewayOpcodes.RequestGuildMembers) {
          this.sendMemberChunk(connection.session, frame.d as GatewayRequestGuildMembersData);
        }
        return;
      default:
        return this.closeConnection(connection, GatewayCloseCodes.UnknownOpcode);
    }
  }

  private identify(connection: GatewayConnection, identify: GatewayIdentifyData): void {
    if (connection.session) return this.closeConnection(connection, GatewayCloseCodes.AlreadyAuthenticated);
    if (identify.token !== this.config.token) return this.closeConnection(connection, GatewayCloseCodes.AuthenticationFailed);
    const intents = Number(identify.intents);
    if (!Number.isInteger(intents) || (intents & ~ALL_INTENTS) !== 0) {
      return this.closeConnection(connection, GatewayCloseCodes.InvalidIntents);
    }
    if (intents & PRIVILEGED_INTENTS & ~this.config.enabledPrivilegedIntents) {
      return this.closeConnection(connection, GatewayCloseCodes.DisallowedIntents);
    }
    const [shardId, shardCount] = identify.shard ?? [0, 1];
    if (!(shardCount >= 1 && shardId >= 0 && shardId < shardCount)) {
      return this.closeConnection(connection, GatewayCloseCodes.InvalidShard);
    }
    if (Date.now() - this.lastIdentifyAt < IDENTIFY_SPACING_MS) {
      connection.send({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    this.lastIdentifyAt = Date.now();
    this.sessionStartsRemaining -= 1;
    if (identify.compress) connection.encoder.compression = 'payload';

    const session = new GatewaySession(randomBytes(16).toString('hex'), [shardId, shardCount], intents);
    this.sessions.push(session);
    session.connection = connection;
    connection.session = session;
    connection.state = 'ready';
    const guildIds = [...this.config.world.guilds.keys()].filter((id) => shardForGuild(id, shardCount) === shardId);
    session.dispatch(GatewayDispatchEvents.Ready, this.readyPayload(session, guildIds));
    // Discord streams GUILD_CREATE only with the GUILDS intent; without it discord.js marks the shard ready at once.
    if (session.hasIntent(GatewayIntentBits.Guilds)) {
      const withMembers = session.hasIntent(GatewayIntentBits.GuildMembers);
      for (const id of guildIds) {
        session.dispatch(GatewayDispatchEvents.GuildCreate, this.config.world.guildCreate(id, withMembers));
      }
    }
    this.config.changes.notify();
  }

  private resume(connection: GatewayConnection, resume: GatewayResumeData): void {
    if (connection.session) return this.closeConnection(connection, GatewayCloseCodes.AlreadyAuthenticated);
    if (resume.token !== this.config.token) return this.closeConnection(connection, GatewayCloseCodes.AuthenticationFailed);
    const session = this.sessions.find((candidate) => candidate.id === resume.session_id);
    if (!session?.valid) {
      connection.send({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (resume.seq > session.lastSequence) return this.closeConnection(connection, GatewayCloseCodes.InvalidSeq);
    const previous = session.connection;
    if (previous && previous !== connection) {
      previous.state = 'closing';
      previous.socket.terminate();
    }
    session.connection = connection;
    connection.session = session;
    for (const frame of session.dispatchesAfter(resume.seq)) connection.send(frame);
    connection.state = 'ready';
    session.dispatch(GatewayDispatchEvents.Resumed, null);
    this.config.changes.notify();
  }

  private readyPayload(session: GatewaySession, guildIds: string[]): GatewayReadyDispatchData {
    const flags = this.config.applicationFlags;
    return {
      v: 10,
      user: this.config.world.botUser,
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      // discord.js reconnects here (not to GET /gateway/bot's url) when resuming.
      resume_gateway_url: this.url,
      shard: [session.shard[0], session.shard[1]],
      application: { id: this.config.applicationId, flags, flags_new: String(flags) },
    };
  }

  private sendMemberChunk(session: GatewaySession, request: GatewayRequestGuildMembersData): void {
    const guild = this.config.world.guild(request.guild_id);
    const members = [this.config.world.botUser.id, ...guild.memberIds].map((id) => this.config.world.member(guild.id, id));
    session.dispatch(GatewayDispatchEvents.GuildMembersChunk, {
      guild_id: guild.id,
      members,
      chunk_index: 0,
      chunk_count: 1,
      ...(request.nonce ? { nonce: request.nonce } : {}),
    });
  }

  private closeConnection(connection: GatewayConnection, code: number, reason = CLOSE_REASONS[code] ?? ''): void {
    connection.state = 'closing';
    connection.closedByServer = true;
    if (connection.session && SESSION_ENDING_CLOSE_CODES.has(code)) connection.session.valid = false;
    connection.socket.close(code, reason);
    this.config.changes.notify();
  }

  private closed(connection: GatewayConnection, code: number): void {
    this.connections.delete(connection);
    connection.state = 'closing';
    connection.encoder.close();
    const session = connection.session;
    if (session?.connection === connection) {
      session.connection = undefined;
      // A client closing with 1000/1001 ends its session (Discord docs); discord.js uses 4200 when it means to resume.
      if (!connection.closedByServer && (code === 1000 || code === 1001)) session.valid = false;
    }
    this.config.changes.notify();
  }
}

function parseFrame(data: RawData): ClientFrame | undefined {
  try {
    const parsed: unknown = JSON.parse(data.toString());
    const isFrame = typeof parsed === 'object' && parsed !== null && typeof (parsed as ClientFrame).op === 'number';
    if (isFrame) return parsed as ClientFrame;
  } catch {
    // Falls through: Discord answers undecodable payloads with close 4002.
  }
  return undefined;
}
