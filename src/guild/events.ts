import { z } from 'zod';

/**
 * One question the bot handled in a server; the raw material of /stats.
 * `outcome` separates questions the engine answered, declined ("not covered")
 * and rejected (empty or too long, never searched). Events written before it
 * existed carry only `answered`.
 */
export const questionEventSchema = z.object({
  type: z.literal('question'),
  at: z.string(),
  answerId: z.string(),
  answered: z.boolean(),
  outcome: z.enum(['answered', 'declined', 'rejected']).optional(),
  /** The question as searched (cleaned), kept for declined ones: they are the documentation gaps moderators review. */
  question: z.string().max(600).optional(),
  latencyMs: z.number().nonnegative(),
  refs: z.array(z.string()),
  mode: z.enum(['dense', 'fused', 'lexical', 'keyword']),
});

/** A 👍 or 👎 on an answer; the latest vote of a member on an answer counts. */
export const feedbackEventSchema = z.object({
  type: z.literal('feedback'),
  at: z.string(),
  answerId: z.string(),
  userId: z.string(),
  vote: z.enum(['up', 'down']),
  refs: z.array(z.string()),
});

export const guildEventSchema = z.discriminatedUnion('type', [questionEventSchema, feedbackEventSchema]);

export type QuestionEvent = z.infer<typeof questionEventSchema>;
export type FeedbackEvent = z.infer<typeof feedbackEventSchema>;
export type GuildEvent = z.infer<typeof guildEventSchema>;
export type QuestionOutcome = NonNullable<QuestionEvent['outcome']>;

export function outcomeOf(event: QuestionEvent): QuestionOutcome {
  return event.outcome ?? (event.answered ? 'answered' : 'declined');
}
