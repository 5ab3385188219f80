/**
 * An independent statement of Discord's message limits, written from Discord's
 * documentation rather than from src/discord/limits.ts, so that the property tests
 * do not check the code under test against itself.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 * https://discord.com/developers/docs/components/reference
 */

const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Sum of every title, description, field name and value, footer text and author name of a message. */
  total: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
} as const;

interface EmbedLike {
  title?: string;
  url?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  author?: { name: string };
}

interface ComponentLike {
  type?: number;
  custom_id?: string;
  label?: string;
  components?: ComponentLike[];
}

export interface PayloadLike {
  content?: string;
  embeds?: EmbedLike[];
  components?: ComponentLike[];
}

/**
 * Every way `payload` breaks Discord's limits, as readable strings; empty when Discord
 * would accept it. Lengths are counted in UTF-16 code units, which is never fewer than
 * the characters Discord counts.
 */
export function limitProblems(payload: PayloadLike): string[] {
  const problems: string[] = [];
  const over = (what: string, value: string | undefined, max: number) => {
    if (value !== undefined && value.length > max) problems.push(`${what} is ${value.length} > ${max}`);
  };
  const blank = (what: string, value: string | undefined) => {
    if (value !== undefined && value.trim() === '') problems.push(`${what} is blank`);
  };
  over('content', payload.content, LIMITS.content);
  const embeds = payload.embeds ?? [];
  if (embeds.length > LIMITS.embeds) problems.push(`${embeds.length} embeds > ${LIMITS.embeds}`);
  let total = 0;
  embeds.forEach((embed, e) => {
    over(`embed ${e} title`, embed.title, LIMITS.title);
    // Discord answers 400 "Not a well formed URL" / "Scheme must be one of ('http', 'https')".
    if (embed.url !== undefined && !/^https?:\/\/[^\s/]\S*$/iu.test(embed.url)) problems.push(`embed ${e} url ${JSON.stringify(embed.url)} is not an http(s) URL`);
    over(`embed ${e} description`, embed.description, LIMITS.description);
    over(`embed ${e} footer`, embed.footer?.text, LIMITS.footer);
    over(`embed ${e} author`, embed.author?.name, LIMITS.authorName);
    const fields = embed.fields ?? [];
    if (fields.length > LIMITS.fields) problems.push(`embed ${e} has ${fields.length} fields > ${LIMITS.fields}`);
    fields.forEach((field, f) => {
      over(`embed ${e} field ${f} name`, field.name, LIMITS.fieldName);
      over(`embed ${e} field ${f} value`, field.value, LIMITS.fieldValue);
      // Discord answers 400 "This field is required" to a blank field name or value.
      blank(`embed ${e} field ${f} name`, field.name);
      blank(`embed ${e} field ${f} value`, field.value);
      total += field.name.length + field.value.length;
    });
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  });
  if (total > LIMITS.total) problems.push(`embeds total ${total} > ${LIMITS.total}`);

  const rows = payload.components ?? [];
  if (rows.length > LIMITS.actionRows) problems.push(`${rows.length} action rows > ${LIMITS.actionRows}`);
  const customIds = new Set<string>();
  rows.forEach((row, r) => {
    const buttons = row.components ?? [];
    if (buttons.length === 0 || buttons.length > LIMITS.buttonsPerRow) problems.push(`row ${r} has ${buttons.length} buttons`);
    buttons.forEach((button, b) => {
      over(`row ${r} button ${b} custom_id`, button.custom_id, LIMITS.customId);
      over(`row ${r} button ${b} label`, button.label, LIMITS.buttonLabel);
      if (button.custom_id !== undefined) {
        if (customIds.has(button.custom_id)) problems.push(`custom_id ${button.custom_id} repeated`);
        customIds.add(button.custom_id);
      }
    });
  });
  if (payload.content === undefined && embeds.length === 0 && rows.length === 0) problems.push('message is empty');
  return problems;
}

/** Discord's ping syntax: user, member, role and channel mentions, and @everyone / @here. */
export const PING_SYNTAX = /<(?:@[!&]?|#)\d+>|@(?:everyone|here)(?![\p{L}\p{N}_])/u;

/** A link: anything Discord would turn into one, and a "www." address standing as a word of its own. */
export const LINK_SYNTAX = /https?:\/\/\S|(?<![\p{L}\p{N}_])www\.[^\s.]+\.\S/iu;

/**
 * Zero-width characters, word joiners, the BOM and every bidirectional control
 * (Unicode's Bidi_Control property: ALM U+061C, LRM/RLM, U+202A–U+202E, U+2066–U+2069).
 */
export const INVISIBLE_OR_BIDI = /[\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069]|\p{Bidi_Control}/u;
