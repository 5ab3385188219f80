// Simulated members asking /ask, and what became of each question, read from the fake Discord's records.
import { InteractionResponseType } from 'discord.js';
import type { FakeDiscord, FakeInteraction } from '../support/fake-discord/index.js';
import { percentiles, sleep, type Percentiles } from './stats.js';

/** Discord's window for the first response to an interaction. */
export const ACK_DEADLINE_MS = 3_000;
const POLL_MS = 100;

export interface QuestionSummary {
  readonly sent: number;
  readonly acknowledged: number;
  readonly acknowledgedWithin3s: number;
  /** Acknowledged with "thinking…" (the answer took over DEFER_AFTER_MS) rather than answered at once. */
  readonly deferred: number;
  /** A visible reply with an embed: an answer, or "not covered by the essays". */
  readonly answersDelivered: number;
  /** Visible replies without an embed (cooldown notices, errors), by their first words. */
  readonly otherReplies: Record<string, number>;
  readonly noReply: number;
  /** Dispatch to the first response reaching the fake. */
  readonly ackMs: Percentiles;
  /** Dispatch to the visible answer reaching the fake (answers delivered only). */
  readonly answerMs: Percentiles;
}

/** Round-robin over members and golden questions, so every member asks and every question is asked. */
export class AskTraffic {
  private asked = 0;

  constructor(
    private readonly discord: FakeDiscord,
    private readonly askers: readonly string[],
    private readonly questions: readonly string[],
  ) {}

  ask(): FakeInteraction {
    const n = this.asked++;
    const user = this.askers[n % this.askers.length];
    const question = this.questions[n % this.questions.length] ?? '';
    return this.discord.sendCommand({ name: 'ask', user, options: [{ name: 'question', type: 3, value: question }] });
  }

  /** Sends `count` questions back to back, without waiting for anything. */
  burst(count: number): FakeInteraction[] {
    return Array.from({ length: count }, () => this.ask());
  }

  /** Sends `perSecond` questions a second for `durationMs`, catching up if a tick comes late. */
  async steady(perSecond: number, durationMs: number): Promise<FakeInteraction[]> {
    const sent: FakeInteraction[] = [];
    const started = performance.now();
    for (let elapsed = 0; elapsed < durationMs; elapsed = performance.now() - started) {
      const due = Math.floor((elapsed / 1000) * perSecond);
      while (sent.length < due) sent.push(this.ask());
      await sleep(Math.min(50, 1000 / perSecond));
    }
    return sent;
  }
}

/** Resolves once every interaction has a visible reply, or after `timeoutMs`, whichever is first. */
export async function settle(interactions: readonly FakeInteraction[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && interactions.some((interaction) => !interaction.visibleReply)) await sleep(POLL_MS);
}

/** When the visible reply reached the fake: the callback itself, or the edit replacing "thinking…". */
export function answerElapsedMs(interaction: FakeInteraction): number | undefined {
  const callback = interaction.callback;
  if (callback?.type === InteractionResponseType.ChannelMessageWithSource) return callback.elapsedMs;
  return interaction.edits[0]?.elapsedMs;
}

export function summarize(interactions: readonly FakeInteraction[]): QuestionSummary {
  const acks = interactions.flatMap((interaction) => (interaction.callback ? [interaction.callback] : []));
  const delivered = interactions.filter((interaction) => (interaction.visibleReply?.message.embeds.length ?? 0) > 0);
  const otherReplies: Record<string, number> = {};
  for (const interaction of interactions) {
    const reply = interaction.visibleReply;
    if (!reply || reply.message.embeds.length > 0) continue;
    const firstWords = reply.message.content.split(/\s+/).slice(0, 6).join(' ');
    otherReplies[firstWords] = (otherReplies[firstWords] ?? 0) + 1;
  }
  return {
    sent: interactions.length,
    acknowledged: acks.length,
    acknowledgedWithin3s: acks.filter((ack) => ack.elapsedMs <= ACK_DEADLINE_MS).length,
    deferred: acks.filter((ack) => ack.type === InteractionResponseType.DeferredChannelMessageWithSource).length,
    answersDelivered: delivered.length,
    otherReplies,
    noReply: interactions.filter((interaction) => !interaction.visibleReply).length,
    ackMs: percentiles(acks.map((ack) => ack.elapsedMs)),
    answerMs: percentiles(delivered.flatMap((interaction) => answerElapsedMs(interaction) ?? [])),
  };
}
