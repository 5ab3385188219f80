import type { Config } from '../config/load-config.js';
import type { Logger } from '../core/logger.js';
import type { GuildStore } from '../guild/guild-store.js';
import type { EngineHolder } from '../runtime/engine-holder.js';
import type { BotMetrics } from '../runtime/metrics.js';
import type { AnswerCache } from './answer-cache.js';
import type { ThreadConversations } from './conversations.js';
import type { Cooldowns } from './cooldown.js';

/** What command and button handlers may use; built once in bot.ts. */
export interface BotContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly engines: EngineHolder;
  readonly guilds: GuildStore;
  readonly answers: AnswerCache;
  readonly cooldowns: Cooldowns;
  /** When each member may next be told why a mention was not answered (quiet-replies.ts). */
  readonly notices: Cooldowns;
  readonly conversations: ThreadConversations;
  readonly metrics: BotMetrics;
  readonly now: () => number;
  /** True while other interactions or messages are being handled: a new answer will queue behind them. */
  readonly busy: () => boolean;
}
