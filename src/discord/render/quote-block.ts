import { escapeMarkdown } from 'discord.js';
import { excerpt } from '../../answer/excerpt.js';
import type { AnswerResult } from '../../answer/types.js';
import { fitText } from '../limits.js';

/**
 * A verbatim excerpt as a Discord block quote. Markdown characters in the source
 * are escaped so they show as written (the escapes are invisible in Discord);
 * the words themselves are never changed.
 */
export function quoteBlock(result: AnswerResult, maxChars: number): string {
  const credit = result.attribution.length > 0 ? `\n> — ${fitText(escapeMarkdown(result.attribution.join(', ')), Math.floor(maxChars / 3))}` : '';
  const body = fitText(escapeMarkdown(excerpt(result)), Math.max(1, maxChars - credit.length - 2));
  return `${body
    .split(/\r?\n/)
    .map((line) => `> ${line.replace(/^>\s?/, '')}`)
    .join('\n')}${credit}`;
}

/** "— [Title](url) · Section · ¶5": the paragraph named once ("Full ¶5" and /passage show the reference). */
export function citation(result: Pick<AnswerResult, 'title' | 'section' | 'paragraph' | 'ref' | 'sourceUrl'>): string {
  const title = fitText(escapeMarkdown(result.title), 200);
  const linked = result.sourceUrl ? `[${title}](${result.sourceUrl})` : `**${title}**`;
  const section = result.section ? ` · ${fitText(escapeMarkdown(result.section), 200)}` : '';
  return `— ${linked}${section} · ¶${result.paragraph}`;
}
