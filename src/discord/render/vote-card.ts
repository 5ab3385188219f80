import { ComponentType } from 'discord.js';
import type { Vote } from '../answer-cache.js';
import { voteButtons } from './answer-buttons.js';
import type { MessagePayload } from './payload.js';

const SAID: Record<Vote, string> = { up: '👍 helpful', down: '👎 not helpful' };

/**
 * A member's vote on a public answer, shown to them alone (the public message is
 * the same for everyone); pressing the other button here changes the vote in place.
 */
export function voteCard(answerId: string, page: number, vote: Vote): MessagePayload {
  const other = vote === 'up' ? '👎' : '👍';
  return {
    content: `Your vote on this answer: ${SAID[vote]}. Moderators see the totals; press ${other} to change it.`,
    components: [{ type: ComponentType.ActionRow, components: voteButtons(answerId, page, vote) }],
  };
}
