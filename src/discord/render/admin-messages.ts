import { escapeMarkdown } from 'discord.js';
import { MODE_NAMES, type RetrievalMode } from '../../answer/types.js';
import type { ReindexOutcome } from '../../runtime/reindex.js';
import type { LoadedIndex } from '../../index/index-files.js';
import { DISCORD_LIMITS, fitText } from '../limits.js';
import { COLOURS, type MessagePayload } from './payload.js';

export const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

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
          text: fitText(`Search by ${MODE_NAMES[mode]} · Model: ${manifest.model?.id ?? 'none'} · Index ${manifest.buildId}`, DISCORD_LIMITS.footerText),
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
