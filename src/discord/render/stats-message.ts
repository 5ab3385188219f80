import { escapeMarkdown } from 'discord.js';
import type { GuildStats } from '../../guild/stats.js';
import { DISCORD_LIMITS, fitText } from '../limits.js';
import { unix } from './admin-messages.js';
import { COLOURS, type MessagePayload } from './payload.js';

const DECLINED_SHOWN = 10;
const NEVER_CITED_SHOWN = 30;

/** /stats: counts, then the lists moderators act on (questions the essays do not answer, paragraphs nobody was shown). */
export function statsMessage(stats: GuildStats, csv?: { readonly name: string; readonly data: Buffer }): MessagePayload {
  const ms = (value: number | null) => (value === null ? '—' : `${value} ms`);
  const cited = stats.topCited.map((entry, i) => `${i + 1}. \`${entry.ref}\` (${entry.count})`).join('\n') || 'None yet';
  const declined = stats.recentDeclined.slice(0, DECLINED_SHOWN).map((entry) => `• “${escapeMarkdown(fitText(entry.question, 120))}” <t:${unix(entry.at)}:R>`);
  const neverCited = stats.neverCited.slice(0, NEVER_CITED_SHOWN).map((ref) => `\`${ref}\``);
  const hint = csv ? '' : ' Add `csv: True` for the full lists as a spreadsheet.';
  return {
    embeds: [
      {
        color: COLOURS.admin,
        title: 'Questions in this server',
        description: `${stats.since ? `Since <t:${unix(stats.since)}:D>.` : 'No questions yet.'}${hint}`,
        fields: [
          { name: 'Questions', value: String(stats.questions), inline: true },
          { name: 'Answered', value: String(stats.answered), inline: true },
          { name: 'Not covered', value: String(stats.declined), inline: true },
          { name: 'Rejected (empty or too long)', value: String(stats.rejected), inline: true },
          { name: 'Latency p50 / p95', value: `${ms(stats.latencyP50Ms)} / ${ms(stats.latencyP95Ms)}`, inline: true },
          { name: 'Feedback', value: `👍 ${stats.thumbsUp} · 👎 ${stats.thumbsDown}`, inline: true },
          { name: 'Most-cited paragraphs', value: cited },
          { name: `Recently not covered (${stats.recentDeclined.length})`, value: listWithin(declined, '\n', stats.recentDeclined.length, 'None') },
          { name: `Never cited (${stats.neverCited.length} paragraphs)`, value: listWithin(neverCited, ' ', stats.neverCited.length, 'None: every paragraph has been cited') },
        ],
      },
    ],
    ...(csv ? { files: [csv] } : {}),
  };
}

/** Whole entries only (a cut `<t:…>` would show as raw text), then "and N more". */
function listWithin(entries: readonly string[], separator: string, total: number, empty: string): string {
  if (total === 0) return empty;
  const room = DISCORD_LIMITS.fieldValue - 20;
  const kept: string[] = [];
  for (const entry of entries) {
    if ([...kept, entry].join(separator).length > room) break;
    kept.push(entry);
  }
  const more = total - kept.length;
  return `${kept.join(separator)}${more > 0 ? `${separator}and ${more} more` : ''}`;
}
