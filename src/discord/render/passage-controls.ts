import { type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import type { AnswerResult } from '../../answer/types.js';
import type { AnswerView } from '../answer-view.js';
import { buttonId } from '../custom-ids.js';
import { DISCORD_LIMITS, fitText } from '../limits.js';
import { shortTitle } from './short-title.js';

/**
 * A button that acts on one passage of an answer. Each control adds one button
 * per passage; answer-buttons.ts lays them out, three rows at most, so up to
 * three controls fit the five passages a page can hold.
 */
export type PassageControl = (view: AnswerView, result: AnswerResult, indexOnPage: number) => APIButtonComponent | undefined;

/** "Full ¶6": the whole paragraph, privately. Names the essay too when two passages on the page share a number. */
const fullParagraphButton: PassageControl = (view, result, indexOnPage) => {
  const shared = view.results.some((other) => other !== result && other.paragraph === result.paragraph);
  const label = shared ? `Full ¶${result.paragraph} · ${shortTitle(result.title, 40)}` : `Full ¶${result.paragraph}`;
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: fitText(label, DISCORD_LIMITS.buttonLabel),
    custom_id: buttonId('full', view.answerId, view.firstIndex + indexOnPage),
  };
};

/** "Why ¶6?": which question word each passage word matched, privately. Only where something matched. */
const whyButton: PassageControl = (view, result, indexOnPage) => {
  if (result.matches.length === 0) return undefined;
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: `Why ¶${result.paragraph}?`,
    custom_id: buttonId('why', view.answerId, view.firstIndex + indexOnPage),
  };
};

/** "Cite ¶6": the passage's reference in Chicago, MLA and APA, privately. */
const citeButton: PassageControl = (view, result, indexOnPage) => citeButtonFor(view.answerId, view.firstIndex + indexOnPage, result.paragraph);

/** The Cite button for passage `index` of answer `answerId` (or of the /passage reply with that id: index 0). */
export function citeButtonFor(answerId: string, index: number, paragraph: number): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, label: `Cite ¶${paragraph}`, custom_id: buttonId('cite', answerId, index) };
}

export const PASSAGE_CONTROLS: readonly PassageControl[] = [fullParagraphButton, whyButton, citeButton];
