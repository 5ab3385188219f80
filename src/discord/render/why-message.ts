import type { AnswerResult } from '../../answer/types.js';
import { keywordTokensOf } from '../../index/keyword-terms.js';
import { DISCORD_LIMITS, fitText } from '../limits.js';
import { COLOURS, type MessagePayload } from './payload.js';
import { escapeQuoted } from './quote-block.js';
import { shortTitle } from './short-title.js';

/**
 * "Why this passage?": which word of the passage matched each word of the
 * question, and how close in meaning a near word is. Shown privately to the
 * member who asks, so the answer itself stays short.
 */
export function whyMessage(question: string, result: AnswerResult): MessagePayload {
  const lines = result.matches.map(({ word, matched, similarity }) =>
    similarity >= 1
      ? `• You asked “${escapeQuoted(word)}”: the passage says *${escapeQuoted(matched)}*.`
      : `• You asked “${escapeQuoted(word)}”: the passage says *${escapeQuoted(matched)}*, close in meaning (${Math.round(similarity * 100)}% similar).`,
  );
  const matchedWords = new Set(result.matches.map((match) => match.word));
  const unmatched = keywordTokensOf(question).map(({ word }) => word).filter((word) => !matchedWords.has(word));
  const summary = `This passage covers about ${Math.round(result.coverage * 100)}% of your question.`;
  const missing = unmatched.length > 0 ? `\nNot found in it: ${unmatched.map((word) => `“${escapeQuoted(word)}”`).join(', ')}.` : '';
  const matched = lines.length > 0 ? lines.join('\n') : 'No word of your question appears in it; it was the closest passage.';
  return {
    embeds: [
      {
        color: COLOURS.passage,
        title: fitText(`Why ${shortTitle(result.title)} · ¶${result.paragraph}`, DISCORD_LIMITS.embedTitle),
        description: fitText(`${matched}\n\n${summary}${missing}`, DISCORD_LIMITS.embedDescription),
        footer: { text: 'Words count more the rarer they are in the essays. Near words come from word vectors (GloVe).' },
      },
    ],
  };
}
