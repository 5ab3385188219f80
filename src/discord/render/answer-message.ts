import { type APIButtonComponent, type APIEmbed, ButtonStyle, ComponentType, escapeMarkdown } from 'discord.js';
import type { AnswerResult, RetrievalMode } from '../../answer/types.js';
import { buttonId } from '../custom-ids.js';
import { DISCORD_LIMITS, fitText } from '../limits.js';
import { COLOURS, type MessagePayload } from './payload.js';
import { citation, quoteBlock } from './quote-block.js';

export interface AnswerView {
  /** Id of the cached answer the buttons refer to. */
  readonly answerId: string;
  readonly question: string;
  readonly answered: boolean;
  readonly mode: RetrievalMode;
  /** The passages on this page, best first. */
  readonly results: readonly AnswerResult[];
  /** 0-based page number, and the position of this page's first passage in the whole answer. */
  readonly page: number;
  readonly firstIndex: number;
  readonly hasMore: boolean;
  /** A private (ephemeral) answer offers "Post to channel". */
  readonly isPrivate: boolean;
}

const QUOTE_IN_DESCRIPTION = 1500;
/** Room kept for the footer and the field names when sharing out the 6,000-character total. */
const RESERVED = 600;

/** The reply to a question: best quote up front, further passages as fields, buttons under it. */
export function answerMessage(view: AnswerView): MessagePayload {
  const [best, ...rest] = view.results;
  const embed: APIEmbed = view.answered ? answeredEmbed(view, best, rest) : notCoveredEmbed(view);
  embed.footer = { text: footerText(view) };
  return { embeds: [embed], components: buttons(view) };
}

function answeredEmbed(view: AnswerView, best: AnswerResult | undefined, rest: readonly AnswerResult[]): APIEmbed {
  const title = fitText(`“${view.question}”`, DISCORD_LIMITS.embedTitle);
  const description = best ? `${quoteBlock(best, QUOTE_IN_DESCRIPTION)}\n${citation(best)}` : '';
  return { color: COLOURS.answer, title, description, fields: fields(rest, 'From', title.length + description.length) };
}

/** Fields share what is left of the message's 6,000 characters, each within its own 1,024. */
function fields(results: readonly AnswerResult[], prefix: string, used: number): { name: string; value: string }[] {
  const share = Math.floor((DISCORD_LIMITS.embedsTotal - RESERVED - used) / Math.max(1, results.length));
  const quoteRoom = Math.max(80, Math.min(DISCORD_LIMITS.fieldValue, share) - 140);
  return results.map((result) => passageField(result, prefix, quoteRoom));
}

function notCoveredEmbed(view: AnswerView): APIEmbed {
  const question = fitText(escapeMarkdown(view.question), 300);
  const intro = view.page === 0 ? `The essays don’t answer “${question}”.` : 'No further passages answer this question.';
  const description = view.results.length > 0 ? `${intro}\n\nClosest passages, **low confidence**:` : intro;
  return {
    color: COLOURS.notCovered,
    title: view.page === 0 ? 'Not covered by the essays' : 'No more passages',
    description,
    fields: fields(view.results, 'Low confidence ·', description.length),
  };
}

function passageField(result: AnswerResult, prefix: string, quoteRoom: number): { name: string; value: string } {
  // Title and section are shortened on their own, so the ¶ number always survives.
  const section = result.section ? ` · ${fitText(result.section, 60)}` : '';
  return {
    name: fitText(`${prefix} ${fitText(result.title, 150)}${section} · ¶${result.paragraph}`, DISCORD_LIMITS.fieldName),
    value: `${quoteBlock(result, quoteRoom)}\n\`${result.ref}\``,
  };
}

function footerText(view: AnswerView): string {
  const page = view.page > 0 ? ` · page ${view.page + 1}` : '';
  return `${view.mode} search${page} · quotes are verbatim; “Full ¶” shows the whole paragraph`;
}

function buttons(view: AnswerView): MessagePayload['components'] {
  const full: APIButtonComponent[] = view.results.map((result, i) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: fitText(`Full ¶${result.paragraph} · ${result.docId}`, DISCORD_LIMITS.buttonLabel),
    custom_id: buttonId('full', view.answerId, view.firstIndex + i),
  }));
  const actions: APIButtonComponent[] = [];
  if (view.hasMore) {
    actions.push({ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'More passages', custom_id: buttonId('more', view.answerId, view.page + 1) });
  }
  if (view.isPrivate && view.results.length > 0) {
    actions.push({ type: ComponentType.Button, style: ButtonStyle.Success, label: 'Post to channel', custom_id: buttonId('post', view.answerId, view.page) });
  }
  actions.push(
    { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👍' }, custom_id: buttonId('up', view.answerId) },
    { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👎' }, custom_id: buttonId('down', view.answerId) },
  );
  return [full, actions]
    .filter((row) => row.length > 0)
    .map((row) => ({ type: ComponentType.ActionRow, components: row.slice(0, 5) }));
}
