import { type ButtonInteraction, ButtonStyle, ComponentType, escapeMarkdown } from 'discord.js';
import { CITATION_STYLES, type CitationStyle } from '../answer/citation.js';
import { citePassage } from '../answer/cite-passage.js';
import { findPassage } from '../answer/passages.js';
import type { BotContext } from './bot-context.js';
import { respond } from './discord-io.js';
import { expiredNotice, notice } from './notices.js';
import type { MessagePayload } from './render/payload.js';

/** `cite:<doc>#p<N>`: a reference is at most 73 characters, well within a custom id's 100. */
const PREFIX = 'cite:';
/** A private-use character no title contains, standing in for italics while the rest is escaped. */
const ITALIC_MARK = '\uE000';
const STYLE_NAMES: Readonly<Record<CitationStyle, string>> = { chicago: 'Chicago', mla: 'MLA', apa: 'APA' };

export function isCiteButton(customId: string): boolean {
  return customId.startsWith(PREFIX);
}

/** A passage message with a "Cite" button under it. */
export function withCiteButton(payload: MessagePayload, ref: string): MessagePayload {
  const button = { type: ComponentType.Button as const, style: ButtonStyle.Secondary as const, label: 'Cite', emoji: { name: '📚' }, custom_id: `${PREFIX}${ref}` };
  return { ...payload, components: [...(payload.components ?? []), { type: ComponentType.ActionRow, components: [button] }] };
}

/** Replies privately with the passage's reference in every style, ready to copy. */
export async function handleCiteButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  const library = context.engines.current()?.index.library;
  const passage = library ? findPassage(library, interaction.customId.slice(PREFIX.length)) : undefined;
  if (!library || !passage?.ok) return respond(interaction, expiredNotice, 'private');
  const lines = CITATION_STYLES.map((style) => {
    const citation = citePassage(library, passage.value.docId, passage.value.paragraph, style, (text) => `${ITALIC_MARK}${text}${ITALIC_MARK}`);
    // Escaped as a whole, so a title's own * or _ stays literal; the italics are put back after.
    return `**${STYLE_NAMES[style]}**\n${escapeMarkdown(citation ?? '').replaceAll(ITALIC_MARK, '*')}`;
  });
  await respond(interaction, notice(`How to cite ${passage.value.ref}:\n\n${lines.join('\n\n')}`), 'private');
}
