import type { GuildStats } from './stats.js';

/**
 * The lists behind /stats as CSV (RFC 4180), for a spreadsheet: every declined
 * question and every never-cited paragraph, not just the few the message shows.
 */
export function statsCsv(stats: GuildStats): string {
  const rows: string[][] = [['kind', 'at', 'value']];
  for (const declined of stats.recentDeclined) rows.push(['declined question', declined.at, declined.question]);
  for (const ref of stats.neverCited) rows.push(['never cited paragraph', '', ref]);
  for (const cited of stats.topCited) rows.push(['most cited paragraph', '', `${cited.ref} (${cited.count})`]);
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * Quoted, with quotes doubled. A member's question starting with = + - @ (or a
 * tab or carriage return) would run as a formula in a spreadsheet, so it is
 * prefixed with an apostrophe (OWASP's advice against CSV injection).
 */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}
