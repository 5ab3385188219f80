import { type Client, Events, Status } from 'discord.js';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../core/logger.js';
import type { GuildStore } from '../guild/guild-store.js';
import type { EngineHolder } from '../runtime/engine-holder.js';
import type { BotMetrics } from '../runtime/metrics.js';
import { AnswerCache } from './answer-cache.js';
import type { BotContext } from './bot-context.js';
import { guarded } from './boundary.js';
import { handleButton } from './buttons.js';
import { MESSAGE_COMMANDS, SLASH_COMMANDS } from './commands/all.js';
import { ThreadConversations } from './conversations.js';
import { Cooldowns } from './cooldown.js';
import { respond, suggest } from './discord-io.js';
import { ForumPosts } from './forum-posts.js';
import { InFlight } from './in-flight.js';
import { handleMessage } from './mentions.js';
import { drainingNotice } from './notices.js';

export interface RunningBot {
  readonly client: Client;
  readonly inFlight: InFlight;
  /** Connected to the gateway and able to receive events. */
  isConnected(): boolean;
  /** Stops taking work, finishes what is in flight (up to `timeoutMs`), closes the gateway. */
  stop(timeoutMs: number): Promise<void>;
}

export interface BotServices {
  readonly config: Config;
  readonly logger: Logger;
  readonly engines: EngineHolder;
  readonly guilds: GuildStore;
  readonly metrics: BotMetrics;
}

/** Wires a discord.js client to citebot's handlers and logs in. */
export async function startBot(client: Client, services: BotServices): Promise<RunningBot> {
  const { logger, metrics } = services;
  const inFlight = new InFlight();
  const context: BotContext = {
    ...services,
    answers: new AnswerCache(),
    cooldowns: new Cooldowns(),
    notices: new Cooldowns(),
    conversations: new ThreadConversations(),
    now: Date.now,
    // The handler asking is itself in flight; anything beyond it is work this answer waits behind.
    busy: () => inFlight.size > 1,
  };
  const commands = new Map(SLASH_COMMANDS.map((command) => [command.data.name, command]));
  const messageCommands = new Map(MESSAGE_COMMANDS.map((command) => [command.data.name, command]));
  const forumPosts = new ForumPosts(context);

  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isAutocomplete()) {
      const command = commands.get(interaction.commandName);
      // Autocomplete has no error reply; an empty list is the graceful failure.
      const work = command?.autocomplete?.(interaction, context) ?? suggest(interaction, []);
      inFlight.track(work.catch((error: unknown) => logger.warn({ err: error }, 'autocomplete failed')));
      return;
    }
    if (!interaction.isRepliable()) return;
    if (inFlight.draining) {
      inFlight.track(respond(interaction, drainingNotice, 'private').catch(() => undefined));
      return;
    }
    inFlight.track(
      guarded(interaction, logger, metrics, async () => {
        if (interaction.isChatInputCommand()) {
          const command = commands.get(interaction.commandName);
          if (command) await command.execute(interaction, context);
        } else if (interaction.isMessageContextMenuCommand()) {
          const command = messageCommands.get(interaction.commandName);
          if (command) await command.execute(interaction, context);
        } else if (interaction.isButton()) {
          await handleButton(interaction, context);
        }
      }),
    );
  });

  client.on(Events.MessageCreate, (message) => {
    const botId = client.user?.id;
    if (!botId || inFlight.draining) return;
    inFlight.track(guarded(message, logger, metrics, () => handleMessage(message, context, botId)));
  });

  client.on(Events.ThreadCreate, (thread, newlyCreated) => {
    const botId = client.user?.id;
    if (!botId || inFlight.draining) return;
    // Nobody asked in a way that can be answered privately, so a failure is logged, not apologised for.
    const work = forumPosts.handle(thread, newlyCreated, botId).catch((error: unknown) => {
      metrics.errors.inc({ kind: 'forum' });
      logger.error({ err: error, threadId: thread.id, guildId: thread.guildId }, 'answering a forum post failed');
    });
    inFlight.track(work);
  });

  client.once(Events.ClientReady, (ready) => logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'connected to Discord'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord.js error'));
  client.on(Events.Warn, (message) => logger.warn(message));
  // Mostly discord.js pacing itself (50 requests/s globally, per-route buckets), not a refusal from Discord.
  client.rest.on('rateLimited', (info) => {
    metrics.rateLimited.inc({ global: String(info.global) });
    logger.debug({ route: info.route, retryAfterMs: info.retryAfter, global: info.global }, 'Discord request queued by the rate limiter');
  });

  await client.login(services.config.DISCORD_TOKEN);
  return {
    client,
    inFlight,
    isConnected: () => client.ws.status === Status.Ready,
    async stop(timeoutMs) {
      const unfinished = await inFlight.drain(timeoutMs);
      if (unfinished > 0) logger.warn({ unfinished }, 'shutting down with work still in flight');
      await client.destroy();
    },
  };
}
