import { z } from 'zod';

/** One question the bot handled in a server; the raw material of /stats. */
export const questionEventSchema = z.object({
  type: z.literal('question'),
  at: z.string(),
  answerId: z.string(),
  answered: z.boolean(),
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
