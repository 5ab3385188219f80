import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';

/** A file sent with a message (e.g. /stats as CSV). */
export interface Attachment {
  readonly name: string;
  readonly data: Buffer;
}

/** A message as citebot builds it: plain API objects, so rendering stays pure and testable. */
export interface MessagePayload {
  readonly content?: string;
  readonly embeds?: APIEmbed[];
  readonly components?: APIActionRowComponent<APIButtonComponent>[];
  readonly files?: readonly Attachment[];
}

export const COLOURS = { answer: 0x2f6fbf, notCovered: 0x7a7f87, passage: 0x3b8f5a, admin: 0x8a5cc2 } as const;
