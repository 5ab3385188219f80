import { type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import type { GuildSettings } from '../../guild/settings.js';
import { buttonId } from '../custom-ids.js';
import { DISCORD_LIMITS, fitText } from '../limits.js';
import { COLOURS, type MessagePayload } from './payload.js';

const ARCHIVE_AFTER: Record<GuildSettings['threadArchiveMinutes'], string> = { 60: '1 hour', 1440: '1 day', 4320: '3 days', 10080: '1 week' };

export function archiveAfter(minutes: GuildSettings['threadArchiveMinutes']): string {
  return ARCHIVE_AFTER[minutes];
}

const channels = (ids: readonly string[], none: string) => (ids.length === 0 ? none : fitText(ids.map((id) => `<#${id}>`).join(', '), DISCORD_LIMITS.fieldValue));

/** /config's reply: every setting, and a reset button that asks before it acts. */
export function settingsMessage(guildId: string, settings: GuildSettings, note?: string): MessagePayload {
  const reset: APIButtonComponent = { type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Reset to defaults…', custom_id: buttonId('reset', guildId) };
  return {
    ...(note ? { content: note } : {}),
    embeds: [
      {
        color: COLOURS.admin,
        title: 'Settings for this server',
        fields: [
          { name: 'Answers in', value: channels(settings.allowedChannels, 'Every channel') },
          { name: 'Default visibility', value: settings.privateByDefault ? 'Private (only the asker)' : 'Public', inline: true },
          { name: 'Cooldown', value: settings.cooldownSeconds === 0 ? 'Off' : `${settings.cooldownSeconds} s per member`, inline: true },
          { name: 'Passages per page', value: String(settings.passages), inline: true },
          { name: 'Strictness', value: capitalised(settings.strictness), inline: true },
          {
            name: 'Mentions are answered',
            value: settings.threadAnswers ? `In a new thread (archived after ${ARCHIVE_AFTER[settings.threadArchiveMinutes]} idle)` : 'In the channel, as a reply',
            inline: true,
          },
          { name: '“Not covered” replies', value: settings.publicDeclines ? 'Public when there are close passages' : 'Private to the asker', inline: true },
          { name: 'Help forums answered', value: channels(settings.forumChannels, 'None') },
        ],
      },
    ],
    components: [{ type: ComponentType.ActionRow, components: [reset] }],
  };
}

/** The second step of "Reset to defaults": nothing changes until a moderator confirms. */
export function resetConfirmMessage(guildId: string): MessagePayload {
  return {
    embeds: [
      {
        color: COLOURS.admin,
        title: 'Reset every setting of this server?',
        description:
          'Channels, visibility, cooldown, passages per page, strictness, threads, help forums and “not covered” replies all go back to their defaults. This cannot be undone.',
      },
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Reset to defaults', custom_id: buttonId('reset-confirm', guildId) },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Cancel', custom_id: buttonId('reset-cancel', guildId) },
        ],
      },
    ],
  };
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
