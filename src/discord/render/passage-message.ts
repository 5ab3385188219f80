import { type APIButtonComponent, ComponentType } from 'discord.js';
import { citationLine, type Passage } from '../../answer/passages.js';
import { DISCORD_LIMITS, fitText } from '../limits.js';
import { COLOURS, type MessagePayload } from './payload.js';
import { escapeQuoted } from './quote-block.js';

/** A whole paragraph, verbatim, with its citation: the answer to "Full ¶" and /passage, with their buttons (Cite). */
export function passageMessage(passage: Passage, buttons: readonly APIButtonComponent[] = []): MessagePayload {
  const credit = passage.attribution.length > 0 ? `\n\n— ${fitText(escapeQuoted(passage.attribution.join('\n')), 1000)}` : '';
  const body = fitText(escapeQuoted(passage.text), DISCORD_LIMITS.embedDescription - credit.length);
  return {
    embeds: [
      {
        color: COLOURS.passage,
        title: fitText(citationLine(passage), DISCORD_LIMITS.embedTitle),
        ...(passage.sourceUrl ? { url: passage.sourceUrl } : {}),
        description: `${body}${credit}`,
        // The reference is what /passage takes; the footer is the one place it is named.
        footer: { text: `Whole paragraph, verbatim · ${passage.ref}` },
      },
    ],
    ...(buttons.length > 0 ? { components: [{ type: ComponentType.ActionRow, components: [...buttons] }] } : {}),
  };
}
