import {
  type ApplicationCommandOptionChoiceData,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type Message,
  type MessageCreateOptions,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import { DISCORD_LIMITS, embedLength, fitText } from './limits.js';
import type { MessagePayload } from './render/payload.js';

/**
 * Every message citebot sends goes through this file. Whatever the content (a
 * question quoting "@everyone", a quote, an error), nobody is pinged, and nothing
 * exceeds Discord's limits.
 */
export const NO_PINGS = { parse: [], repliedUser: false } as const;

export type Visibility = 'private' | 'public';

/** Enforces Discord's limits on a payload the renderers built (they budget; this is the backstop). */
export function withinLimits(payload: MessagePayload): MessagePayload {
  const embeds = (payload.embeds ?? []).slice(0, 10).map((embed) => ({
    ...embed,
    ...(embed.title !== undefined ? { title: fitText(embed.title, DISCORD_LIMITS.embedTitle) } : {}),
    ...(embed.description !== undefined ? { description: fitText(embed.description, DISCORD_LIMITS.embedDescription) } : {}),
    ...(embed.footer ? { footer: { ...embed.footer, text: fitText(embed.footer.text, DISCORD_LIMITS.footerText) } } : {}),
    fields: (embed.fields ?? []).slice(0, DISCORD_LIMITS.embedFields).map((field) => ({
      ...field,
      name: fitText(field.name, DISCORD_LIMITS.fieldName),
      value: fitText(field.value, DISCORD_LIMITS.fieldValue),
    })),
  }));
  // Over the 6,000 total, drop trailing fields: a shorter answer beats a rejected one.
  let total = embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
  for (let e = embeds.length - 1; e >= 0 && total > DISCORD_LIMITS.embedsTotal; e -= 1) {
    const fields = embeds[e]!.fields;
    while (fields.length > 0 && total > DISCORD_LIMITS.embedsTotal) {
      const dropped = fields.pop()!;
      total -= dropped.name.length + dropped.value.length;
    }
  }
  // Still over (a long description and footer): shorten descriptions, last embed first.
  for (let e = embeds.length - 1; e >= 0 && total > DISCORD_LIMITS.embedsTotal; e -= 1) {
    const embed = embeds[e]!;
    if (embed.description === undefined) continue;
    const before = embed.description.length;
    embed.description = fitText(embed.description, Math.max(0, before - (total - DISCORD_LIMITS.embedsTotal)));
    total -= before - embed.description.length;
  }
  return {
    ...(payload.content !== undefined ? { content: fitText(payload.content, DISCORD_LIMITS.content) } : {}),
    embeds,
    components: (payload.components ?? []).slice(0, 5),
  };
}

function flagsFor(visibility: Visibility) {
  return visibility === 'private' ? MessageFlags.Ephemeral : undefined;
}

/** Acknowledges now and answers later (Discord waits 15 minutes for the edit). */
export async function deferResponse(interaction: RepliableInteraction, visibility: Visibility): Promise<void> {
  if (interaction.deferred || interaction.replied) return;
  const flags = flagsFor(visibility);
  await interaction.deferReply(flags ? { flags } : {});
}

/** Replies, or completes a deferred reply, or adds a follow-up: whichever the interaction's state calls for. */
export async function respond(interaction: RepliableInteraction, payload: MessagePayload, visibility: Visibility): Promise<void> {
  const body = { ...withinLimits(payload), allowedMentions: NO_PINGS };
  const flags = flagsFor(visibility);
  if (interaction.deferred && !interaction.replied) await interaction.editReply(body);
  else if (interaction.replied || interaction.deferred) await interaction.followUp(flags ? { ...body, flags } : body);
  else await interaction.reply(flags ? { ...body, flags } : body);
}

/**
 * Last-resort private message after a failure: the normal reply path first, then,
 * if that endpoint is what is failing (editing the deferred reply), a follow-up,
 * which Discord serves from a different route.
 */
export async function respondAfterFailure(interaction: RepliableInteraction, payload: MessagePayload): Promise<void> {
  try {
    await respond(interaction, payload, 'private');
  } catch (error) {
    if (!interaction.deferred && !interaction.replied) throw error;
    await interaction.followUp({ ...withinLimits(payload), allowedMentions: NO_PINGS, flags: MessageFlags.Ephemeral });
  }
}

/** Replaces the message a button sits on (for private answers, paging in place). */
export async function updateMessage(interaction: ButtonInteraction, payload: MessagePayload): Promise<void> {
  await interaction.update({ ...withinLimits(payload), allowedMentions: NO_PINGS });
}

export async function replyToMessage(message: Message, payload: MessagePayload): Promise<Message> {
  return message.reply({ ...withinLimits(payload), allowedMentions: NO_PINGS, failIfNotExists: false });
}

export async function sendToChannel(
  channel: { send: (options: MessageCreateOptions) => Promise<Message> },
  payload: MessagePayload,
): Promise<Message> {
  return channel.send({ ...withinLimits(payload), allowedMentions: NO_PINGS });
}

/** "citebot is typing…" while a mention is answered; cosmetic, so a failure is ignored. */
export async function showTyping(channel: object): Promise<void> {
  if ('sendTyping' in channel && typeof channel.sendTyping === 'function') {
    await (channel.sendTyping as () => Promise<void>)().catch(() => undefined);
  }
}

export async function suggest(interaction: AutocompleteInteraction, choices: readonly ApplicationCommandOptionChoiceData<string>[]): Promise<void> {
  await interaction.respond(
    choices.slice(0, 25).map((choice) => ({
      name: fitText(choice.name, DISCORD_LIMITS.choiceName),
      value: String(choice.value).slice(0, DISCORD_LIMITS.choiceName),
    })),
  );
}
