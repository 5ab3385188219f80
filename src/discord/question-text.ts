import { MAX_QUESTION_CHARS } from '../answer/question.js';

/**
 * Text that is not typed as a question (a message picked with "Find in essays",
 * a forum post's opening message) cut to its first words within the question
 * limit, rather than refused for being long.
 */
export function firstWords(text: string, max = MAX_QUESTION_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1).search(/\s+\S*$/);
  return text.slice(0, cut > 0 ? cut : max);
}
