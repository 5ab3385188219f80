import type { ChatInputCommandInteraction, MessageContextMenuCommandInteraction } from 'discord.js';
import type { QuestionSource } from '../runtime/metrics.js';
import { answerView } from './answer-view.js';
import { admitQuestion, askQuestion } from './asking.js';
import type { BotContext } from './bot-context.js';
import { deferResponse, respond, type Visibility } from './discord-io.js';
import { servesChannel, settingsFor } from './guild-settings.js';
import { memberNotice, refusalNotice } from './member-words.js';
import { channelNotice, dmRefusal } from './notices.js';
import { answerMessage } from './render/answer-message.js';
import { within } from '../core/within.js';

/**
 * Answers quicker than this are sent directly; slower ones are deferred first,
 * well inside Discord's 3 s. When the bot is already busy the answer will queue,
 * so it defers at once rather than spend a second of the window waiting.
 */
export const DEFER_AFTER_MS = 1_000;

type AskingInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

/**
 * /ask and "Find in essays": checks, the cooldown, the answer (deferred when
 * slow), and where it goes. Refusals are private and cost no cooldown; a decline
 * is private unless the server lets declines be public.
 */
export async function answerInteraction(
  interaction: AskingInteraction,
  context: BotContext,
  request: { readonly raw: string; readonly wantsPrivate: boolean | null; readonly source: QuestionSource },
): Promise<void> {
  const guildId = interaction.guildId;
  if (!guildId && !context.config.ALLOW_DMS) return respond(interaction, dmRefusal, 'private');
  const settings = await settingsFor(context, guildId);
  if (!servesChannel(settings, guildId, interaction.channelId, interaction.channel)) {
    return respond(interaction, channelNotice(settings.allowedChannels), 'private');
  }
  const asker = {
    answerId: interaction.id,
    askerId: interaction.user.id,
    askerName: displayName(interaction),
    guildId,
    settings,
    source: guildId ? request.source : 'dm',
  };
  const admitted = await admitQuestion(context, asker, request.raw, { cooldown: true });
  if (!admitted.ok) return respond(interaction, refusalNotice(admitted.error, context.logger), 'private');

  const wanted: Visibility = (request.wantsPrivate ?? settings.privateByDefault) ? 'private' : 'public';
  const asking = askQuestion(context, asker, admitted.value, []);
  const asked = await answerOrDefer(asking, () => deferResponse(interaction, wanted), context.busy() ? 0 : DEFER_AFTER_MS);
  if (!asked.ok) return respond(interaction, memberNotice(asked.error, context.logger), 'private');
  const cached = asked.value;
  const shown: Visibility = wanted === 'public' && cached.postable ? 'public' : 'private';
  const view = answerView(interaction.id, cached, 0, { isPrivate: shown === 'private', viewerId: interaction.user.id });
  await respond(interaction, answerMessage(view), shown);
}

/** The member's name as the server shows it, for "Asked by …" (never a mention, so nobody is pinged). */
export function displayName(interaction: AskingInteraction): string {
  const member = interaction.member;
  return member && 'displayName' in member ? member.displayName : (member?.nick ?? interaction.user.displayName);
}

/** Waits up to `patienceMs` for the answer; if it is not ready, acknowledges the interaction and keeps waiting. */
async function answerOrDefer<T>(answer: Promise<T>, defer: () => Promise<void>, patienceMs: number): Promise<T> {
  if (patienceMs === 0) {
    // Marks a failure as handled while deferring; it still surfaces when awaited below.
    answer.catch(() => undefined);
    await defer();
    return answer;
  }
  const first = await within(answer, patienceMs);
  if (first !== 'late') return first;
  await defer();
  return answer;
}
