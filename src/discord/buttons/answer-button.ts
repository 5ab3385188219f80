import { type ButtonInteraction, MessageFlags } from 'discord.js';
import type { CachedAnswer } from '../answer-cache.js';
import type { BotContext } from '../bot-context.js';
import type { ButtonId } from '../custom-ids.js';
import { respond } from '../discord-io.js';
import { expiredNotice } from '../notices.js';

export type ButtonHandler = (interaction: ButtonInteraction, context: BotContext, id: ButtonId) => Promise<void>;
export type AnswerButtonHandler = (interaction: ButtonInteraction, context: BotContext, id: ButtonId, cached: CachedAnswer) => Promise<void>;

/** A handler for a button under an answer, given the answer; an answer no longer cached gets a private "too old". */
export function answerButton(handler: AnswerButtonHandler): ButtonHandler {
  return async (interaction, context, id) => {
    const cached = context.answers.get(id.answerId);
    if (!cached) return respond(interaction, expiredNotice, 'private');
    await handler(interaction, context, id, cached);
  };
}

/** Whether the clicked message is private (ephemeral): then it can change in place for its one viewer. */
export function onPrivateMessage(interaction: ButtonInteraction): boolean {
  return interaction.message.flags.has(MessageFlags.Ephemeral);
}
