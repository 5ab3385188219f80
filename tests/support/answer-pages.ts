import type { Answer } from '../../src/answer/types.js';
import type { CachedAnswer } from '../../src/discord/answer-cache.js';
import { type AnswerView, answerView } from '../../src/discord/answer-view.js';

const ASKER = '100000000000000001';

/** Page `page` of an answer as its asker sees it, for rendering tests without a bot. */
export function pageOf(answerId: string, answer: Answer, page: number, pageSize: number, isPrivate: boolean): AnswerView {
  const cached: CachedAnswer = { answer, askerId: ASKER, askerName: 'asker', guildId: null, pageSize, context: [], postable: true, posted: false, votes: new Map() };
  return answerView(answerId, cached, page, { isPrivate, viewerId: ASKER });
}
