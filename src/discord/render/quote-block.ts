import { escapeMarkdown } from 'discord.js';
import { pageLabel } from '../../answer/citation.js';
import { excerpt } from '../../answer/excerpt.js';
import type { AnswerResult } from '../../answer/types.js';
import { fitText } from '../limits.js';

/**
 * Document text for a Discord message: every Markdown character escaped, brackets
 * included (discord.js leaves `[text](url)` alone, and a masked link in a document
 * must not become a clickable link with hidden target). The escapes are invisible.
 */
export function escapeQuoted(text: string): string {
  return escapeMarkdown(text).replace(/[[\]]/g, '\\$&');
}

/**
 * A verbatim excerpt as a Discord block quote. Markdown characters in the source
 * are escaped (escapeQuoted) so they show as written; the words themselves are
 * never changed.
 */
export function quoteBlock(result: AnswerResult, maxChars: number): string {
  const credit = result.attribution.length > 0 ? `\n> — ${fitText(escapeQuoted(result.attribution.join(', ')), Math.floor(maxChars / 3))}` : '';
  const body = fitText(escapeQuoted(excerpt(result)), Math.max(1, maxChars - credit.length - 2));
  return `${body
    .split(/\r?\n/)
    .map((line) => `> ${line.replace(/^>\s?/, '')}`)
    .join('\n')}${credit}`;
}

/**
 * "— [Title](url) · Section · p. 12 · ¶5": the paragraph named once ("Full ¶5" and
 * /passage show the reference); the printed page(s) for a paged document (PDF).
 */
export function citation(result: Pick<AnswerResult, 'title' | 'section' | 'paragraph' | 'ref' | 'sourceUrl' | 'pages'>): string {
  const title = fitText(escapeQuoted(result.title), 200);
  const linked = result.sourceUrl ? `[${title}](${result.sourceUrl})` : `**${title}**`;
  const section = result.section ? ` · ${fitText(escapeQuoted(result.section), 200)}` : '';
  const pages = pageLabel(result.pages);
  return `— ${linked}${section}${pages ? ` · ${escapeQuoted(pages)}` : ''} · ¶${result.paragraph}`;
}
