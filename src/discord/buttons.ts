import type { ButtonInteraction } from 'discord.js';
import type { BotContext } from './bot-context.js';
import { answerButton, type ButtonHandler } from './buttons/answer-button.js';
import { citePassage } from './buttons/cite.js';
import { showFullParagraph } from './buttons/full-paragraph.js';
import { turnPage } from './buttons/paging.js';
import { postToChannel } from './buttons/post.js';
import { askToReset, cancelReset, resetSettings } from './buttons/reset.js';
import { vote } from './buttons/votes.js';
import { explainPassage } from './buttons/why-this-passage.js';
import { type ButtonAction, parseButtonId } from './custom-ids.js';
import { respond } from './discord-io.js';
import { notice } from './notices.js';

/** One handler per button action; answer buttons get their cached answer (or a "too old" notice) first. */
const HANDLERS: Record<ButtonAction, ButtonHandler> = {
  full: answerButton(showFullParagraph),
  why: answerButton(explainPassage),
  cite: citePassage,
  page: answerButton(turnPage),
  post: answerButton(postToChannel),
  up: answerButton(vote),
  down: answerButton(vote),
  reset: askToReset,
  'reset-confirm': resetSettings,
  'reset-cancel': cancelReset,
};

/** Routes a button click; unknown or stale buttons get a short private notice. */
export async function handleButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  const id = parseButtonId(interaction.customId);
  if (!id) return respond(interaction, notice('That button is not one of mine any more.'), 'private');
  await HANDLERS[id.action](interaction, context, id);
}

