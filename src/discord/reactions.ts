/**
 * Reactions the bot leaves on a member's message where a public reply would be
 * noise: the member sees the bot read it, and at most one short notice per
 * cooldown says why (quiet-replies.ts).
 */
export const REACTIONS = {
  notServedHere: '🚫',
  waiting: '⏳',
  unreadable: '❓',
  notCovered: '🤷',
  help: '👋',
} as const;
