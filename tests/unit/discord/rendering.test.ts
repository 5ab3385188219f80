import { ButtonStyle } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { AnswerResult } from '../../../src/answer/types.js';
import type { CachedAnswer } from '../../../src/discord/answer-cache.js';
import { answerView } from '../../../src/discord/answer-view.js';
import { answerMessage } from '../../../src/discord/render/answer-message.js';
import { shortTitle } from '../../../src/discord/render/short-title.js';
import type { FakeMessage } from '../../support/fake-discord/index.js';
import { memberWordingProblems } from '../../support/member-wording.js';
import { answerResult } from '../../support/answer-result.js';

const ASKER = '100000000000000001';

function result(docId: string, paragraph: number): AnswerResult {
  const title = docId === 'a' ? 'Putin meets Witkoff in Moscow: Trump’s limited influence' : 'After the Trump–Putin phone call: why talks suit the Kremlin';
  return answerResult(docId, paragraph, `Paragraph ${paragraph} of ${docId} says something quotable.`, { title });
}

function cached(results: AnswerResult[], overrides: Partial<CachedAnswer> = {}): CachedAnswer {
  return {
    answer: { question: 'What does the Kremlin want?', answered: true, mode: 'fused', confidence: 1, results },
    askerId: ASKER,
    askerName: 'Alice',
    guildId: null,
    pageSize: 3,
    context: [],
    postable: true,
    posted: false,
    votes: new Map(),
    ...overrides,
  };
}

type Button = { label?: string; style: number; disabled?: boolean; emoji?: { name: string }; custom_id: string };
const buttons = (payload: ReturnType<typeof answerMessage>) => (payload.components ?? []).flatMap((row) => row.components as Button[]);

describe('shortTitle', () => {
  it('GIVEN a title with a subtitle THEN the part before it; a short head keeps the whole title', () => {
    expect(shortTitle('Putin meets Witkoff in Moscow: Trump’s limited influence and what the Kremlin wants')).toBe('Putin meets Witkoff in Moscow');
    expect(shortTitle('Q&A: what now?')).toBe('Q&A: what now?');
  });
});

describe('answerMessage', () => {
  it('GIVEN seven passages, three a page THEN "page 1/3", Previous disabled, Next to page 2, and Full and Cite buttons per passage', () => {
    const results = [1, 2, 3, 4, 5, 6, 7].map((n) => result('a', n));
    const payload = answerMessage(answerView('42', cached(results), 0, { isPrivate: false, viewerId: ASKER }));
    expect(payload.embeds?.[0]?.footer?.text).toBe('Quotes are verbatim · page 1/3');
    expect(buttons(payload).map((button) => button.label ?? button.emoji?.name)).toEqual(['Full ¶1', 'Cite ¶1', 'Full ¶2', 'Cite ¶2', 'Full ¶3', 'Cite ¶3', '◀ Previous', 'Next ▶', '👍', '👎']);
    expect(buttons(payload).find((button) => button.label === 'Cite ¶2')?.custom_id).toBe('cb:cite:42:1');
    expect(buttons(payload).find((button) => button.label === '◀ Previous')?.disabled).toBe(true);
    expect(buttons(payload).find((button) => button.label === 'Next ▶')?.custom_id).toBe('cb:page:42:1');
    expect(payload.embeds?.[0]?.fields?.map((field) => field.name)).toEqual(['Putin meets Witkoff in Moscow · ¶2', 'Putin meets Witkoff in Moscow · ¶3']);
  });

  it('GIVEN the asker’s private copy THEN Post to channel; once posted, "Posted ✓" and no button; another member’s copy never offers it', () => {
    const answer = cached([result('a', 1)]);
    const mine = answerMessage(answerView('42', answer, 0, { isPrivate: true, viewerId: ASKER }));
    expect(buttons(mine).some((button) => button.label === 'Post to channel')).toBe(true);
    const theirs = answerMessage(answerView('42', answer, 0, { isPrivate: true, viewerId: '200000000000000002' }));
    expect(buttons(theirs).some((button) => button.label === 'Post to channel')).toBe(false);
    answer.posted = true;
    const after = answerMessage(answerView('42', answer, 0, { isPrivate: true, viewerId: ASKER }));
    expect(after.content).toBe('Posted ✓');
    expect(buttons(after).some((button) => button.label === 'Post to channel')).toBe(false);
  });

  it('GIVEN a vote THEN a private copy highlights it and a public one does not', () => {
    const answer = cached([result('a', 1)], { votes: new Map([[ASKER, 'down']]) });
    const styles = (isPrivate: boolean) =>
      buttons(answerMessage(answerView('42', answer, 0, { isPrivate, viewerId: ASKER })))
        .filter((button) => button.emoji)
        .map((button) => button.style);
    expect(styles(true)).toEqual([ButtonStyle.Secondary, ButtonStyle.Danger]);
    expect(styles(false)).toEqual([ButtonStyle.Secondary, ButtonStyle.Secondary]);
  });

  it('GIVEN two passages with the same paragraph number THEN their buttons name the essay too', () => {
    const payload = answerMessage(answerView('42', cached([result('a', 4), result('b', 4)]), 0, { isPrivate: false, viewerId: ASKER }));
    const full = buttons(payload).filter((button) => button.label?.startsWith('Full'));
    expect(full.map((button) => button.label)).toEqual(['Full ¶4 · Putin meets Witkoff in Moscow', 'Full ¶4 · After the Trump–Putin phone call']);
  });

  it('GIVEN passages from a PDF THEN the best one’s citation and the others’ field names show the page(s) before ¶N', () => {
    const onPages = (docId: string, paragraph: number, first: string, last: string): AnswerResult => ({ ...result(docId, paragraph), pages: { first, last } });
    const payload = answerMessage(answerView('42', cached([onPages('a', 3, '12', '12'), onPages('b', 7, '13', '14')]), 0, { isPrivate: false, viewerId: ASKER }));
    expect(payload.embeds?.[0]?.description).toContain('· p. 12 · ¶3');
    expect(payload.embeds?.[0]?.fields?.map((field) => field.name)).toEqual(['After the Trump–Putin phone call · pp. 13–14 · ¶7']);
  });

  it('GIVEN a decline with nothing close THEN no footer and no buttons', () => {
    const answer = cached([]);
    const payload = answerMessage(answerView('42', { ...answer, answer: { ...answer.answer, answered: false } }, 0, { isPrivate: true, viewerId: ASKER }));
    expect(payload.embeds?.[0]?.footer).toBeUndefined();
    expect(payload.components).toEqual([]);
  });
});

describe('memberWordingProblems', () => {
  const sent = (payload: unknown) => ({ payloads: [payload] }) as unknown as FakeMessage;

  it('GIVEN a CLI command or a lower-case sentence THEN each is a problem; a member’s echoed question is not', () => {
    expect(memberWordingProblems([sent({ content: 'there is no passage x. To fix: run `npm run cli -- sources`.' })])).toEqual([
      'a command line in "there is no passage x. To fix: run `npm run cli -- sources`."',
      'starts in lower case: "there is no passage x. To fix: run `npm run cli -- sources`."',
    ]);
    expect(memberWordingProblems([sent({ type: 4, data: { embeds: [{ title: '“npm run what?”', footer: { text: 'fused search' } }] } })])).toEqual(['starts in lower case: "fused search"']);
    expect(memberWordingProblems([sent({ content: 'Use `/sources` to see the essays.' })])).toEqual([]);
  });
});
