import { SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_CHARS } from '../../answer/question.js';
import { isChannelAllowed } from '../../guild/settings.js';
import { askQuestion } from '../asking.js';
import { deferResponse, respond, type Visibility } from '../discord-io.js';
import { settingsFor } from '../guild-settings.js';
import { channelNotice, cooldownNotice, dmRefusal, questionProblem } from '../notices.js';
import { answerMessage } from '../render/answer-message.js';
import type { SlashCommand } from './slash-command.js';

/**
 * Answers quicker than this are sent directly; slower ones are deferred first,
 * well inside Discord's 3 s. When the bot is already busy the answer will queue,
 * so it defers at once rather than spend a second of the window waiting.
 */
export const DEFER_AFTER_MS = 1_000;

export const askCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question; the answer quotes the essays, with citations')
    .addStringOption((option) =>
      option.setName('question').setDescription('Your question').setRequired(true).setMaxLength(MAX_QUESTION_CHARS),
    )
    .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer')),

  async execute(interaction, context) {
    const guildId = interaction.guildId;
    if (!guildId && !context.config.ALLOW_DMS) return respond(interaction, dmRefusal, 'private');
    const settings = await settingsFor(context, guildId);
    const channel = interaction.channel;
    const parentId = channel && 'parentId' in channel ? (channel.parentId ?? null) : null;
    if (guildId && !isChannelAllowed(settings, interaction.channelId, parentId)) {
      return respond(interaction, channelNotice(settings.allowedChannels), 'private');
    }
    const wait = context.cooldowns.take(`${guildId ?? 'dm'}:${interaction.user.id}`, settings.cooldownSeconds * 1000, context.now());
    if (wait > 0) return respond(interaction, cooldownNotice(wait), 'private');

    const isPrivate = interaction.options.getBoolean('private') ?? settings.privateByDefault;
    const visibility: Visibility = isPrivate ? 'private' : 'public';
    const asking = askQuestion(context, {
      answerId: interaction.id,
      question: interaction.options.getString('question', true),
      askerId: interaction.user.id,
      guildId,
      settings,
      isPrivate,
      source: guildId ? 'slash' : 'dm',
    });
    const asked = await answerOrDefer(asking, () => deferResponse(interaction, visibility), context.busy() ? 0 : DEFER_AFTER_MS);
    if (!asked.ok) return respond(interaction, questionProblem(asked.error), 'private');
    await respond(interaction, answerMessage(asked.value.view), visibility);
  },
};

/** Waits up to `patienceMs` for the answer; if it is not ready, acknowledges the interaction and keeps waiting. */
async function answerOrDefer<T>(answer: Promise<T>, defer: () => Promise<void>, patienceMs: number): Promise<T> {
  if (patienceMs === 0) {
    // Marks a failure as handled while deferring; it still surfaces when awaited below.
    answer.catch(() => undefined);
    await defer();
    return answer;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), patienceMs);
  });
  const first = await Promise.race([answer, late]);
  clearTimeout(timer);
  if (first !== 'late') return first;
  await defer();
  return answer;
}
