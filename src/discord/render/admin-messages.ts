import { type APIButtonComponent, ButtonStyle, ComponentType, escapeMarkdown } from 'discord.js';
import type { RetrievalMode } from '../../answer/types.js';
import type { ReindexOutcome } from '../../runtime/reindex.js';
import type { GuildSettings } from '../../guild/settings.js';
import type { GuildStats } from '../../guild/stats.js';
import type { LoadedIndex } from '../../index/index-files.js';
import { buttonId } from '../custom-ids.js';
import { DISCORD_LIMITS, fitText } from '../limits.js';
import { COLOURS, type MessagePayload } from './payload.js';

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export function sourcesMessage(index: LoadedIndex, mode: RetrievalMode): MessagePayload {
  const { manifest } = index;
  const documents = manifest.documents.slice(0, DISCORD_LIMITS.embedFields);
  const more = manifest.documents.length - documents.length;
  return {
    embeds: [
      {
        color: COLOURS.passage,
        title: `Sources (${manifest.documents.length})`,
        description: more > 0 ? `Showing the first ${documents.length}; ${more} more are indexed.` : 'Every answer quotes these essays verbatim.',
        fields: documents.map((document) => ({
          name: fitText(document.title, DISCORD_LIMITS.fieldName),
          value: `\`${document.id}\` · ${document.paragraphs.length} paragraphs · indexed <t:${unix(document.indexedAt)}:R>${document.sourceUrl ? ` · [source](${document.sourceUrl})` : ''}`,
        })),
        footer: {
          text: fitText(`model: ${manifest.model?.id ?? 'none'} · mode: ${mode} · index ${manifest.buildId}`, DISCORD_LIMITS.footerText),
        },
      },
    ],
  };
}

export function reindexMessage(outcome: ReindexOutcome): MessagePayload {
  const { summary, skipped } = outcome;
  const lines = [
    `**${summary.added.length}** added · **${summary.updated.length}** updated · **${summary.removed.length}** removed · **${summary.unchanged.length}** unchanged`,
    `${summary.chunksEmbedded} chunks embedded in ${(summary.elapsedMs / 1000).toFixed(1)} s; now answering from index \`${summary.manifest.buildId}\`.`,
    ...(summary.rebuildReason ? [`Rebuilt everything: ${escapeMarkdown(summary.rebuildReason)}.`] : []),
    ...skipped.slice(0, 10).map((problem) => `Skipped: ${escapeMarkdown(problem.message)}`),
  ];
  return { embeds: [{ color: COLOURS.admin, title: 'Reindex finished', description: fitText(lines.join('\n'), DISCORD_LIMITS.embedDescription) }] };
}

export function settingsMessage(guildId: string, settings: GuildSettings): MessagePayload {
  const channels = settings.allowedChannels.length === 0 ? 'every channel' : settings.allowedChannels.map((id) => `<#${id}>`).join(', ');
  const reset: APIButtonComponent = {
    type: ComponentType.Button,
    style: ButtonStyle.Danger,
    label: 'Reset to defaults',
    custom_id: buttonId('reset', guildId),
  };
  return {
    embeds: [
      {
        color: COLOURS.admin,
        title: 'citebot settings for this server',
        fields: [
          { name: 'Answers in', value: fitText(channels, DISCORD_LIMITS.fieldValue) },
          { name: 'Default visibility', value: settings.privateByDefault ? 'private (only the asker)' : 'public', inline: true },
          { name: 'Cooldown', value: settings.cooldownSeconds === 0 ? 'off' : `${settings.cooldownSeconds} s per member`, inline: true },
          { name: 'Passages per page', value: String(settings.passages), inline: true },
          { name: 'Abstention strictness', value: settings.strictness, inline: true },
        ],
      },
    ],
    components: [{ type: ComponentType.ActionRow, components: [reset] }],
  };
}

export function statsMessage(stats: GuildStats): MessagePayload {
  const ms = (value: number | null) => (value === null ? '—' : `${value} ms`);
  const cited = stats.topCited.map((entry, i) => `${i + 1}. \`${entry.ref}\` (${entry.count})`).join('\n') || 'none yet';
  return {
    embeds: [
      {
        color: COLOURS.admin,
        title: 'citebot in this server',
        description: stats.since ? `Since <t:${unix(stats.since)}:D>.` : 'No questions yet.',
        fields: [
          { name: 'Questions', value: String(stats.questions), inline: true },
          { name: 'Answered', value: String(stats.answered), inline: true },
          { name: 'Not covered', value: String(stats.abstained), inline: true },
          { name: 'Latency p50 / p95', value: `${ms(stats.latencyP50Ms)} / ${ms(stats.latencyP95Ms)}`, inline: true },
          { name: 'Feedback', value: `👍 ${stats.thumbsUp} · 👎 ${stats.thumbsDown}`, inline: true },
          { name: 'Most-cited paragraphs', value: cited },
        ],
      },
    ],
  };
}
