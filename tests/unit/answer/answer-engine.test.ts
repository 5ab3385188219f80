import { describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../../src/answer/answer-engine.js';
import { DEFAULTS } from '../../../src/answer/settings.js';
import { fakeEmbedder } from '../../support/fake-embedder.js';
import { markdownDocument, memoryIndex } from '../../support/memory-index.js';

const talks = markdownDocument(
  'talks',
  `---
title: Talks
source_url: https://example.org/talks
---

Putin wants a friendly Ukraine. He wants guarantees that Ukraine will not join NATO. The weather in Moscow was cold.

## Sanctions

The Kremlin hopes for sanctions relief. It will not make concessions for it.

> Putin is winning the war of attrition.
>
> Jane Analyst
> Former official
`,
);
const summit = markdownDocument(
  'summit',
  `# Summit

Witkoff met Putin in Moscow to prepare a summit. NATO enlargement was discussed by both sides.

Sanctions relief matters to the Kremlin, which may accept concessions on sanctions.
`,
);

const settings = { ...DEFAULTS, fusion: { kind: 'linear', denseWeight: 0.5 } as const, minConfidence: { dense: 0.3, fused: 0.3, lexical: 0.3, keyword: 0.3 } };

async function engine(withModel = true) {
  const embedder = withModel ? fakeEmbedder() : null;
  return new AnswerEngine({ index: await memoryIndex([talks, summit], embedder), embedder, settings });
}

async function ask(question: string, withModel = true, limit = 3) {
  const answer = await (await engine(withModel)).ask(question, { limit });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

describe('AnswerEngine', () => {
  it('GIVEN a covered question THEN it answers with a verbatim quote of the best sentence and a precise citation', async () => {
    const answer = await ask('What does Putin want from Ukraine?');
    expect(answer).toMatchObject({ answered: true, mode: 'fused' });
    const [best] = answer.results;
    expect(best).toMatchObject({ ref: 'talks#p1', docId: 'talks', title: 'Talks', section: null, paragraph: 1 });
    expect(best?.quote).toBe('Putin wants a friendly Ukraine. He wants guarantees that Ukraine will not join NATO.');
    expect(talks.text.slice(best!.quoteStart, best!.quoteEnd)).toBe(best?.quote);
    expect(best?.text).toMatch(/^Putin wants a friendly Ukraine\..*cold\.$/);
    expect(best?.sourceUrl).toBe('https://example.org/talks');
  });

  it('GIVEN a question neither document covers THEN it abstains and offers nothing confident', async () => {
    const answer = await ask('Where can I buy cheap football tickets?');
    expect(answer.answered).toBe(false);
    expect(answer.results).toEqual([]);
  });

  it('GIVEN keyboard mash THEN it abstains with no closest passages', async () => {
    expect(await ask('qwxz plmkon zzzt')).toMatchObject({ answered: false, results: [] });
  });

  it('GIVEN no model THEN it answers from keywords and says so', async () => {
    const answer = await ask('sanctions relief concessions', false);
    expect(answer.mode).toBe('keyword');
    expect(answer.answered).toBe(true);
    expect(answer.results[0]?.docId).toMatch(/talks|summit/);
  });

  it('GIVEN both documents speak to the question THEN the first page shows both', async () => {
    const answer = await ask('Does the Kremlin want sanctions relief and concessions?');
    expect(new Set(answer.results.map((result) => result.docId))).toEqual(new Set(['talks', 'summit']));
  });

  it('GIVEN a quotation with credit lines THEN its attribution comes with it', async () => {
    const answer = await ask('Who says Putin is winning the war of attrition?');
    const quote = answer.results.find((result) => result.ref === 'talks#p3');
    expect(quote?.attribution).toEqual(['Jane Analyst', 'Former official']);
    expect(quote?.section).toBe('Sanctions');
  });

  it('GIVEN a long paragraph split into parts THEN two parts of it never both appear', async () => {
    const long = markdownDocument('long', `${'Sanctions relief is discussed at length here. '.repeat(30)}\n`);
    const embedder = fakeEmbedder();
    const index = await memoryIndex([long], embedder, { maxTokens: 40 });
    expect(index.library.document('long')?.chunks.length).toBeGreaterThan(3);
    const answer = await new AnswerEngine({ index, embedder, settings }).ask('sanctions relief', { limit: 5 });
    expect(answer.ok && answer.value.results.map((result) => result.ref)).toEqual(['long#p1']);
  });

  it('GIVEN an empty or overlong question THEN a typed error says so', async () => {
    const empty = await (await engine()).ask('   ');
    expect(!empty.ok && empty.error.code).toBe('QUESTION_EMPTY');
    const long = await (await engine()).ask('why '.repeat(300));
    expect(!long.ok && long.error.code).toBe('QUESTION_TOO_LONG');
  });

  it('GIVEN stricter strictness THEN a borderline answer turns into an abstention', async () => {
    const subject = await engine();
    const lenient = await subject.ask('Moscow weather', { strictness: 'lenient' });
    const confidence = lenient.ok ? lenient.value.confidence : 0;
    const strictEngine = new AnswerEngine({
      index: subject.index,
      embedder: fakeEmbedder(),
      settings: { ...settings, minConfidence: { ...settings.minConfidence, fused: confidence }, strictnessShift: { lenient: -0.01, normal: 0, strict: 0.01 } },
    });
    expect((await strictEngine.ask('Moscow weather', { strictness: 'normal' })).ok && (await strictEngine.ask('Moscow weather')).ok).toBe(true);
    const strict = await strictEngine.ask('Moscow weather', { strictness: 'strict' });
    expect(strict.ok && strict.value.answered).toBe(false);
    const normal = await strictEngine.ask('Moscow weather', { strictness: 'normal' });
    expect(normal.ok && normal.value.answered).toBe(true);
  });

  it('GIVEN a follow-up that names no topic and the earlier question as context THEN the earlier topic decides the passage', async () => {
    const subject = await engine(false);
    const alone = await subject.ask('Why would it do that?');
    expect(alone.ok && alone.value.answered).toBe(false);
    const followUp = await subject.ask('Why would it do that?', { context: ['Does the Kremlin hope for sanctions relief?'] });
    expect(followUp.ok && followUp.value.answered).toBe(true);
    expect(followUp.ok && followUp.value.results[0]?.ref).toBe('talks#p2');
  });

  it('GIVEN a follow-up with words of its own THEN its words outweigh the earlier question', async () => {
    const answer = await (await engine()).ask('And what about the summit with Witkoff?', { context: ['Does the Kremlin hope for sanctions relief?'] });
    expect(answer.ok && answer.value.results[0]?.ref).toBe('summit#p1');
  });

  it('GIVEN a "when" question and passages holding no date or time THEN confidence halves: they cover the topic, not the question', async () => {
    const undated = markdownDocument('call', 'The phone call between the presidents lasted an hour.\n');
    const subject = new AnswerEngine({ index: await memoryIndex([undated], null), embedder: null, settings });
    const plain = await subject.ask('Was there a phone call between the presidents?');
    const when = await subject.ask('When was the phone call between the presidents?');
    expect(plain.ok && when.ok && when.value.confidence).toBeCloseTo(plain.ok ? plain.value.confidence / 2 : 0);

    const dated = markdownDocument('call', 'The phone call between the presidents took place on 12 February.\n');
    const answered = await new AnswerEngine({ index: await memoryIndex([dated], null), embedder: null, settings }).ask('When was the phone call between the presidents?');
    expect(answered.ok && answered.value.confidence).toBeCloseTo(1);
  });
});

