import { randomBytes } from 'node:crypto';
import type { Interaction, Message } from 'discord.js';
import type { Logger } from '../core/logger.js';
import type { BotMetrics } from '../runtime/metrics.js';
import { replyToMessage, respondAfterFailure } from './discord-io.js';
import { apology } from './notices.js';

/**
 * One error boundary per interaction or message: the member gets a short private
 * apology with a reference, the log gets the detail under that reference, and
 * nothing escapes to take the bot down.
 */
export async function guarded(
  target: Interaction | Message,
  logger: Logger,
  metrics: BotMetrics,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const reference = randomBytes(4).toString('hex');
    const kind = 'commandName' in target ? 'interaction' : 'customId' in target ? 'button' : 'message';
    metrics.errors.inc({ kind });
    logger.error({ err: error, reference, ...describe(target) }, 'handling failed');
    try {
      if ('isRepliable' in target && target.isRepliable()) await respondAfterFailure(target, apology(reference));
      else if (!('isRepliable' in target)) await replyToMessage(target, apology(reference));
    } catch (secondError) {
      logger.warn({ err: secondError, reference }, 'could not send the apology either');
    }
  }
}

function describe(target: Interaction | Message): Record<string, unknown> {
  const base = { id: target.id, guildId: target.guildId, channelId: target.channelId };
  if ('commandName' in target) return { ...base, command: target.commandName };
  if ('customId' in target) return { ...base, customId: target.customId };
  return base;
}
