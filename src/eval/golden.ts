import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export const GOLDEN_SPLITS = ['tune', 'holdout'] as const;

const evidenceSchema = z.object({ doc: z.string(), paragraph: z.number().int().positive(), text: z.string().min(1) });

export const goldenQuestionSchema = z.object({
  id: z.string(),
  kind: z.enum(['keyword', 'paraphrase', 'both', 'followup', 'unanswerable']),
  /**
   * Tuning (floors, weights, thresholds) looks at "tune" questions only; "holdout"
   * questions are scored and reported but never tuned on, so they estimate how
   * citebot does on questions nobody has seen.
   */
  split: z.enum(GOLDEN_SPLITS),
  question: z.string().min(1),
  /** Earlier questions of the conversation, oldest first, for a follow-up asked in reply to an answer. */
  context: z.array(z.string().min(1)).optional(),
  evidence: z.array(evidenceSchema),
  why: z.string(),
});

export type GoldenQuestion = z.infer<typeof goldenQuestionSchema>;

/** Reads a JSON Lines golden set; a malformed line is an error naming its line number. */
export async function readGoldenSet(file: string): Promise<GoldenQuestion[]> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  return lines.flatMap((line, index) => {
    if (line.trim() === '') return [];
    const parsed = goldenQuestionSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid line'}`);
    return [parsed.data];
  });
}
