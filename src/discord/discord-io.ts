import {
  type AnyThreadChannel,
  type ApplicationCommandOptionChoiceData,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type Message,
  type MessageCreateOptions,
  MessageFlags,
  type RepliableInteraction,
  type ThreadAutoArchiveDuration,
} from 'discord.js';
import type { Logger } from '../core/logger.js';
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
    ...(payload.files ? { files: payload.files } : {}),
  };
}

/** A payload as discord.js takes it: within limits, files as attachments, and pinging nobody. */
function bodyOf(payload: MessagePayload) {
  const { files, ...fitted } = withinLimits(payload);
  return {
    ...fitted,
    ...(files ? { files: files.map((file) => ({ attachment: file.data, name: file.name })) } : {}),
    allowedMentions: NO_PINGS,
  };
}

function flagsFor(visibility: Visibility): MessageFlags.Ephemeral | undefined {
  return visibility === 'private' ? MessageFlags.Ephemeral : undefined;
}

/** Acknowledges now and answers later (Discord waits 15 minutes for the edit). */
export async function deferResponse(interaction: RepliableInteraction, visibility: Visibility): Promise<void> {
  if (interaction.deferred || interaction.replied) return;
  const flags = flagsFor(visibility);
  await interaction.deferReply(flags ? { flags } : {});
}

/**
 * Replies, or completes a deferred reply, or adds a follow-up: whichever the
 * interaction's state calls for. A private reply after a public "thinking…"
 * (an answer that turned out to be a decline) removes the placeholder and
 * follows up privately, so nothing private is ever shown to the channel.
 */
export async function respond(interaction: RepliableInteraction, payload: MessagePayload, visibility: Visibility): Promise<void> {
  const body = bodyOf(payload);
  const flags = flagsFor(visibility);
  const withFlags: typeof body & { flags?: MessageFlags.Ephemeral } = flags ? { ...body, flags } : body;
  if (interaction.deferred && !interaction.replied) {
    if (visibility === 'private' && interaction.ephemeral === false) {
      await interaction.deleteReply();
      await interaction.followUp(withFlags);
    } else {
      await interaction.editReply(body);
    }
  } else if (interaction.replied || interaction.deferred) await interaction.followUp(withFlags);
  else await interaction.reply(withFlags);
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
    await interaction.followUp({ ...bodyOf(payload), flags: MessageFlags.Ephemeral });
  }
}

/** Replaces the message a button sits on (private answers paging in place, votes, settings). */
export async function updateMessage(interaction: ButtonInteraction, payload: MessagePayload): Promise<void> {
  await interaction.update(bodyOf(payload));
}

/** Acknowledges a click without a message yet; the clicked message is then edited with `editClicked`. */
export async function acknowledgeClick(interaction: ButtonInteraction): Promise<void> {
  await interaction.deferUpdate();
}

export async function editClicked(interaction: ButtonInteraction, payload: MessagePayload): Promise<void> {
  await interaction.editReply(bodyOf(payload));
}

/** A public message in the clicked message's channel, sent through the interaction (no channel permission needed). */
export async function publish(interaction: ButtonInteraction, payload: MessagePayload): Promise<Message> {
  return interaction.followUp(bodyOf(payload));
}

export async function replyToMessage(message: Message, payload: MessagePayload): Promise<Message> {
  return message.reply({ ...bodyOf(payload), failIfNotExists: false });
}

export async function sendToChannel(
  channel: { send: (options: MessageCreateOptions) => Promise<Message> },
  payload: MessagePayload,
): Promise<Message> {
  return channel.send(bodyOf(payload));
}

/** A public thread started from a member's message; `minutes` is one of Discord's auto-archive durations. */
export async function startThreadFrom(message: Message<true>, name: string, minutes: ThreadAutoArchiveDuration): Promise<AnyThreadChannel> {
  return message.startThread({ name: fitText(name, DISCORD_LIMITS.threadName), autoArchiveDuration: minutes });
}

/** A reaction instead of a message where a reply would be noise; cosmetic, so a failure (no permission) is logged, not fatal. */
export async function addReaction(message: { react(emoji: string): Promise<unknown> }, emoji: string, logger: Logger): Promise<void> {
  await message.react(emoji).catch((error: unknown) => logger.warn({ err: error, emoji }, 'could not add a reaction (does the bot have Add Reactions here?)'));
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
