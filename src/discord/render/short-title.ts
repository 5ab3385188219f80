import { fitText } from '../limits.js';

const SHORTEST_HEAD = 8;

/**
 * An essay's title as a field name wants it: the part before a subtitle
 * ("Putin meets Witkoff in Moscow: Trump’s limited influence…" → "Putin meets
 * Witkoff in Moscow"), shortened to `max` characters.
 */
export function shortTitle(title: string, max = 60): string {
  const head = title.split(/:\s|\s[—–-]\s/u)[0]?.trim() ?? '';
  return fitText(head.length >= SHORTEST_HEAD ? head : title.trim(), max);
}
