import { ChannelType, type ChatInputCommandInteraction } from 'discord.js';
import { type GuildSettings, THREAD_ARCHIVE_MINUTES, type ThreadArchiveMinutes } from '../../guild/settings.js';
import type { BotContext } from '../bot-context.js';
import { respond } from '../discord-io.js';
import { settingsFor } from '../guild-settings.js';
import { archiveAfter, settingsMessage } from '../render/settings-message.js';
import { moderatorCommand } from './moderator.js';
import { requireModerator } from './require-moderator.js';
import type { SlashCommand } from './slash-command.js';

const TEXT_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum] as const;

type Change = (current: GuildSettings, interaction: ChatInputCommandInteraction) => GuildSettings;

/** Each subcommand is one change to the server's settings. */
const CHANGES: Record<string, Change> = {
  show: (current) => current,
  'allow-channel': (current, i) => {
    const id = i.options.getChannel('channel', true).id;
    return { ...current, allowedChannels: [...new Set([...current.allowedChannels, id])] };
  },
  'disallow-channel': (current, i) => {
    const id = i.options.getChannel('channel', true).id;
    return { ...current, allowedChannels: current.allowedChannels.filter((channel) => channel !== id) };
  },
  'all-channels': (current) => ({ ...current, allowedChannels: [] }),
  visibility: (current, i) => ({ ...current, privateByDefault: i.options.getString('default', true) === 'private' }),
  cooldown: (current, i) => ({ ...current, cooldownSeconds: i.options.getInteger('seconds', true) }),
  passages: (current, i) => ({ ...current, passages: i.options.getInteger('count', true) }),
  strictness: (current, i) => ({ ...current, strictness: i.options.getString('level', true) as GuildSettings['strictness'] }),
  threads: (current, i) => ({
    ...current,
    threadAnswers: i.options.getBoolean('enabled', true),
    threadArchiveMinutes: (i.options.getInteger('archive-after') ?? current.threadArchiveMinutes) as ThreadArchiveMinutes,
  }),
  'forum-add': (current, i) => {
    const id = i.options.getChannel('forum', true).id;
    return { ...current, forumChannels: [...new Set([...current.forumChannels, id])] };
  },
  'forum-remove': (current, i) => {
    const id = i.options.getChannel('forum', true).id;
    return { ...current, forumChannels: current.forumChannels.filter((channel) => channel !== id) };
  },
  declines: (current, i) => ({ ...current, publicDeclines: i.options.getString('visibility', true) === 'public' }),
};

export const configCommand: SlashCommand = {
  data: moderatorCommand('config', 'Show or change how citebot behaves in this server')
    .addSubcommand((sub) => sub.setName('show').setDescription('Show the current settings'))
    .addSubcommand((sub) =>
      sub
        .setName('allow-channel')
        .setDescription('Answer in this channel (once any is allowed, only allowed channels get answers)')
        .addChannelOption((option) => option.setName('channel').setDescription('Channel').setRequired(true).addChannelTypes(...TEXT_CHANNELS)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('disallow-channel')
        .setDescription('Stop answering in this channel')
        .addChannelOption((option) => option.setName('channel').setDescription('Channel').setRequired(true).addChannelTypes(...TEXT_CHANNELS)),
    )
    .addSubcommand((sub) => sub.setName('all-channels').setDescription('Answer in every channel the bot can see'))
    .addSubcommand((sub) =>
      sub
        .setName('visibility')
        .setDescription('Whether /ask answers are public or private by default')
        .addStringOption((option) =>
          option.setName('default').setDescription('Default').setRequired(true).addChoices({ name: 'public', value: 'public' }, { name: 'private', value: 'private' }),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('cooldown')
        .setDescription('Seconds each member waits between questions (0 = off)')
        .addIntegerOption((option) => option.setName('seconds').setDescription('Seconds').setRequired(true).setMinValue(0).setMaxValue(3600)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('passages')
        .setDescription('Passages shown per answer page')
        .addIntegerOption((option) => option.setName('count').setDescription('1 to 5').setRequired(true).setMinValue(1).setMaxValue(5)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('strictness')
        .setDescription('How sure citebot must be before answering instead of saying “not covered”')
        .addStringOption((option) =>
          option
            .setName('level')
            .setDescription('Level')
            .setRequired(true)
            .addChoices({ name: 'lenient', value: 'lenient' }, { name: 'normal', value: 'normal' }, { name: 'strict', value: 'strict' }),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('threads')
        .setDescription('Answer mentions in a new thread started from the question, where follow-ups keep the context')
        .addBooleanOption((option) => option.setName('enabled').setDescription('True: answer in a thread; false: reply in the channel').setRequired(true))
        .addIntegerOption((option) =>
          option
            .setName('archive-after')
            .setDescription('Close an idle thread after')
            .addChoices(...THREAD_ARCHIVE_MINUTES.map((minutes) => ({ name: archiveAfter(minutes), value: minutes }))),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('forum-add')
        .setDescription('Answer every new post in this forum, in the post’s thread')
        .addChannelOption((option) => option.setName('forum').setDescription('Forum channel').setRequired(true).addChannelTypes(ChannelType.GuildForum)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('forum-remove')
        .setDescription('Stop answering new posts in this forum')
        .addChannelOption((option) => option.setName('forum').setDescription('Forum channel').setRequired(true).addChannelTypes(ChannelType.GuildForum)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('declines')
        .setDescription('Whether “not covered by the essays” replies are private to the asker or public')
        .addStringOption((option) =>
          option
            .setName('visibility')
            .setDescription('Private (default) or public; gibberish is never answered publicly')
            .setRequired(true)
            .addChoices({ name: 'private', value: 'private' }, { name: 'public', value: 'public' }),
        ),
    ),

  async execute(interaction, context: BotContext) {
    if (!(await requireModerator(interaction)) || !interaction.guildId) return;
    const subcommand = interaction.options.getSubcommand();
    const change = CHANGES[subcommand];
    if (!change) return;
    const settings =
      subcommand === 'show'
        ? await settingsFor(context, interaction.guildId)
        : await context.guilds.updateSettings(interaction.guildId, (current) => change(current, interaction));
    if (subcommand !== 'show') context.logger.info({ guildId: interaction.guildId, userId: interaction.user.id, subcommand }, '/config changed');
    await respond(interaction, settingsMessage(interaction.guildId, settings), 'private');
  },
};
