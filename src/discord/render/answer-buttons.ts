import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import type { Vote } from '../answer-cache.js';
import type { AnswerView } from '../answer-view.js';
import { buttonId } from '../custom-ids.js';
import { PASSAGE_CONTROLS } from './passage-controls.js';

type Row = APIActionRowComponent<APIButtonComponent>;

const BUTTONS_PER_ROW = 5;
/** Discord allows five rows; the last is the answer's own (paging, post, votes). */
const PASSAGE_ROWS = 3;

/** Passage buttons first, then one row: ◀ Previous · Next ▶ · Post to channel · 👍 · 👎. */
export function answerButtons(view: AnswerView): Row[] {
  if (view.results.length === 0) return [];
  const perPassage = view.results.flatMap((result, i) => PASSAGE_CONTROLS.flatMap((control) => control(view, result, i) ?? []));
  const rows = chunk(perPassage, BUTTONS_PER_ROW).slice(0, PASSAGE_ROWS);
  return [...rows, answerRow(view)].map((components) => ({ type: ComponentType.ActionRow, components }));
}

function answerRow(view: AnswerView): APIButtonComponent[] {
  const row: APIButtonComponent[] = [];
  if (view.pageCount > 1) {
    const first = view.page === 0;
    const last = view.page === view.pageCount - 1;
    row.push(
      pageButton(view, '◀ Previous', first ? 0 : view.page - 1, first),
      pageButton(view, 'Next ▶', last ? view.pageCount - 1 : view.page + 1, last),
    );
  }
  if (view.canPost) {
    row.push({ type: ComponentType.Button, style: ButtonStyle.Success, label: 'Post to channel', custom_id: buttonId('post', view.answerId, view.page) });
  }
  row.push(...voteButtons(view.answerId, view.page, view.vote));
  return row;
}

function pageButton(view: AnswerView, label: string, page: number, disabled: boolean): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Primary, label, custom_id: buttonId('page', view.answerId, page), disabled };
}

/** 👍 and 👎; the member's own vote, where only they see the message, is highlighted. */
export function voteButtons(answerId: string, page: number, vote: Vote | undefined): APIButtonComponent[] {
  return [
    { type: ComponentType.Button, style: vote === 'up' ? ButtonStyle.Success : ButtonStyle.Secondary, emoji: { name: '👍' }, custom_id: buttonId('up', answerId, page) },
    { type: ComponentType.Button, style: vote === 'down' ? ButtonStyle.Danger : ButtonStyle.Secondary, emoji: { name: '👎' }, custom_id: buttonId('down', answerId, page) },
  ];
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
