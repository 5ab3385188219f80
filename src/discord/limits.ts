/** Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedsTotal: 6000,
  buttonLabel: 80,
  customId: 100,
  choiceName: 100,
  threadName: 100,
} as const;

const ELLIPSIS = '…';

/**
 * Shortens `text` to at most `max` characters, ending at a sentence end if one
 * falls in the last third, otherwise at a word boundary, with "…" appended.
 * Never cuts a word or a surrogate pair in half.
 */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length;
  if (room <= 0) return ELLIPSIS.slice(0, max);
  const window = text.slice(0, room + 1);
  const sentenceEnd = Math.max(...['. ', '? ', '! ', '.\n', '?\n', '!\n'].map((mark) => window.lastIndexOf(mark)));
  if (sentenceEnd >= room * (2 / 3)) {
    const kept = window.slice(0, sentenceEnd + 1);
    return kept.length + 2 <= max ? `${kept} ${ELLIPSIS}` : `${kept}${ELLIPSIS}`;
  }
  const wordEnd = window.search(/\s+\S*$/);
  const cut = wordEnd > 0 ? wordEnd : room;
  return `${dropLoneSurrogate(window.slice(0, cut)).trimEnd()}${ELLIPSIS}`;
}

function dropLoneSurrogate(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}

/** Characters an embed counts toward the 6,000 per-message total. */
export function embedLength(embed: {
  title?: string;
  description?: string;
  fields?: readonly { name: string; value: string }[];
  footer?: { text: string };
  author?: { name: string };
}): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}
