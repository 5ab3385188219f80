import { type APIEmbed, escapeMarkdown } from 'discord.js';
import { pageLabel } from '../../answer/citation.js';
import type { AnswerResult } from '../../answer/types.js';
import type { AnswerView } from '../answer-view.js';
import { DISCORD_LIMITS, fitText } from '../limits.js';
import { answerButtons } from './answer-buttons.js';
import { COLOURS, type MessagePayload } from './payload.js';
import { citation, quoteBlock } from './quote-block.js';
import { shortTitle } from './short-title.js';

const QUOTE_IN_DESCRIPTION = 1500;
/** Room kept for the footer, the author line and the field names when sharing out the 6,000-character total. */
const RESERVED = 600;

/** The reply to a question: best quote up front, further passages as fields, buttons under it. */
export function answerMessage(view: AnswerView): MessagePayload {
  const [best, ...rest] = view.results;
  const embed: APIEmbed = view.answered ? answeredEmbed(view, best, rest) : notCoveredEmbed(view);
  const footer = footerText(view);
  if (footer) embed.footer = { text: footer };
  if (view.askedBy) embed.author = { name: fitText(`Asked by ${view.askedBy}`, DISCORD_LIMITS.authorName) };
  return { ...(view.posted ? { content: 'Posted ✓' } : {}), embeds: [embed], components: answerButtons(view) };
}

function answeredEmbed(view: AnswerView, best: AnswerResult | undefined, rest: readonly AnswerResult[]): APIEmbed {
  const title = fitText(`“${view.question}”`, DISCORD_LIMITS.embedTitle);
  const description = best ? `${quoteBlock(best, QUOTE_IN_DESCRIPTION)}\n${citation(best)}` : '';
  return { color: COLOURS.answer, title, description, fields: fields(rest, '', title.length + description.length) };
}

/** Fields share what is left of the message's 6,000 characters, each within its own 1,024. */
function fields(results: readonly AnswerResult[], prefix: string, used: number): { name: string; value: string }[] {
  const share = Math.floor((DISCORD_LIMITS.embedsTotal - RESERVED - used) / Math.max(1, results.length));
  const quoteRoom = Math.max(80, Math.min(DISCORD_LIMITS.fieldValue, share) - 20);
  return results.map((result) => ({ name: fieldName(result, prefix), value: quoteBlock(result, quoteRoom) }));
}

function notCoveredEmbed(view: AnswerView): APIEmbed {
  const question = fitText(escapeMarkdown(view.question), 300);
  const intro = view.page === 0 ? `The essays don’t answer “${question}”.` : 'No further passages answer this question.';
  const next = view.results.length > 0 ? 'Closest passages, **low confidence**:' : 'Use `/sources` to see what they cover.';
  const description = `${intro}\n\n${next}`;
  return {
    color: COLOURS.notCovered,
    title: view.page === 0 ? 'Not covered by the essays' : 'No more passages',
    description,
    fields: fields(view.results, 'Low confidence · ', description.length),
  };
}

/** "Putin meets Witkoff in Moscow · What the Kremlin wants · p. 3 · ¶6": the paragraph is named here and nowhere else in the field. */
function fieldName(result: AnswerResult, prefix: string): string {
  // Title and section are shortened on their own, so the page and ¶ number always survive.
  const section = result.section ? ` · ${fitText(result.section, 60)}` : '';
  const pages = pageLabel(result.pages);
  return fitText(`${prefix}${shortTitle(result.title)}${section}${pages ? ` · ${pages}` : ''} · ¶${result.paragraph}`, DISCORD_LIMITS.fieldName);
}

/**
 * Only what is on the message: "Quotes are verbatim" when there are quotes, the
 * page when there are several, and a warning when answers come from exact words alone.
 */
function footerText(view: AnswerView): string | undefined {
  if (view.results.length === 0) return undefined;
  const page = view.pageCount > 1 ? ` · page ${view.page + 1}/${view.pageCount}` : '';
  const degraded = view.exactWordsOnly ? ' · exact-word search only' : '';
  return `Quotes are verbatim${page}${degraded}`;
}
