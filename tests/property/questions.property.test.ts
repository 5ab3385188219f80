import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.js';
import { cleanQuestion, MAX_QUESTION_CHARS } from '../../src/answer/question.js';
import type { Answer, Strictness } from '../../src/answer/types.js';
import type { SourceDocument } from '../../src/corpus/document.js';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { withinLimits } from '../../src/discord/discord-io.js';
import { fitText } from '../../src/discord/limits.js';
import { answerMessage } from '../../src/discord/render/answer-message.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { fakeEmbedder } from '../support/fake-embedder.js';
import { pageOf } from '../support/answer-pages.js';
import { memoryIndex } from '../support/memory-index.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { testEmbedder } from '../support/test-embedder.js';
import { testWordVectors } from '../support/word-vectors.js';
import { INVISIBLE_OR_BIDI, LINK_SYNTAX, limitProblems, PING_SYNTAX } from './discord-oracle.js';
import { fragment, hostileQuestion, invisible, link, mention, repeatedTo, seasonedQuestion } from './hostile-arbitraries.js';
import { check, checkAsync, configureProperties } from './property-config.js';

configureProperties();

let essays: SourceDocument[];

beforeAll(async () => {
  const corpus = await readCorpus(ESSAYS_DIR, { maxDocumentBytes: 10 * 1024 * 1024 });
  if (!corpus.ok) throw new Error(corpus.error.message);
  essays = [...corpus.value.documents];
  expect(essays).toHaveLength(2);
});

/** No lone surrogate anywhere (String.prototype.isWellFormed is ES2024, beyond this project's lib). */
const isWellFormed = (text: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

describe('cleanQuestion on hostile text', () => {
  const questions = fc.oneof(
    { arbitrary: hostileQuestion({ longLength: 10_000 }), weight: 8 },
    // Markup glued to words on both sides, where word-boundary regexes go wrong.
    { arbitrary: fc.array(fc.oneof(mention, link, invisible, fc.constantFrom('_', '*', '~', '`', '|', 'a', '1', ' ')), { maxLength: 12 }).map((parts) => parts.join('')), weight: 4 },
  );

  it('GIVEN any text THEN it returns a question or a typed QUESTION_EMPTY / QUESTION_TOO_LONG error, never throwing', () => {
    check(
      fc.property(questions, (raw) => {
        const cleaned = cleanQuestion(raw);
        if (cleaned.ok) {
          expect(cleaned.value.length).toBeGreaterThan(0);
          expect(cleaned.value.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
          expect(cleaned.value).toBe(cleaned.value.trim());
        } else {
          expect(['QUESTION_EMPTY', 'QUESTION_TOO_LONG']).toContain(cleaned.error.code);
          expect(cleaned.error.message).toBeTruthy();
        }
      }),
      { numRuns: 400 },
    );
  });

  it('GIVEN any text THEN the cleaned question holds no ping syntax (@everyone, @here, <@id>, <@&id>, <#id>)', () => {
    check(
      fc.property(questions, (raw) => {
        const cleaned = cleanQuestion(raw);
        if (cleaned.ok) expect(cleaned.value).not.toMatch(PING_SYNTAX);
      }),
      { numRuns: 400 },
    );
  });

  it('GIVEN any text THEN the cleaned question holds no link', () => {
    check(
      fc.property(questions, (raw) => {
        const cleaned = cleanQuestion(raw);
        if (cleaned.ok) expect(cleaned.value).not.toMatch(LINK_SYNTAX);
      }),
      { numRuns: 400 },
    );
  });

  it('GIVEN any text THEN the cleaned question holds no zero-width character or bidirectional control', () => {
    const spliced = fc.tuple(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }), invisible, fc.string({ unit: 'grapheme-ascii', maxLength: 6 })).map((parts) => parts.join(''));
    check(
      fc.property(fc.oneof(spliced, questions), (raw) => {
        const cleaned = cleanQuestion(raw);
        if (cleaned.ok) expect(cleaned.value).not.toMatch(INVISIBLE_OR_BIDI);
      }),
      { numRuns: 400 },
    );
  });

  it('GIVEN a cleaned question THEN cleaning it again changes nothing', () => {
    check(
      fc.property(questions, (raw) => {
        const cleaned = cleanQuestion(raw);
        if (cleaned.ok) expect(cleanQuestion(cleaned.value)).toEqual(cleaned);
      }),
      { numRuns: 400 },
    );
  });

  it('GIVEN 10,000-character walls of text and hundreds of mass mentions THEN cleaning is quick and typed', () => {
    check(
      fc.property(repeatedTo(10_000), (raw) => {
        const started = performance.now();
        const cleaned = cleanQuestion(raw);
        expect(performance.now() - started).toBeLessThan(500);
        if (!cleaned.ok) expect(['QUESTION_EMPTY', 'QUESTION_TOO_LONG']).toContain(cleaned.error.code);
        else expect(cleaned.value).not.toMatch(PING_SYNTAX);
      }),
      { numRuns: 40 },
    );
  });
});

describe('fitText', () => {
  const texts = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.string({ unit: fc.constantFrom('😀', '𝒜', 'a', 'é', ' ', '. ', '? ', '\n', '!\n', '…'), maxLength: 300 }),
    fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join('')),
  );

  it('GIVEN any text and limit THEN the result never exceeds the limit, and is the text itself when it fits', () => {
    check(
      fc.property(texts, fc.integer({ min: 0, max: 320 }), (text, max) => {
        const fitted = fitText(text, max);
        expect(fitted.length).toBeLessThanOrEqual(max);
        if (text.length <= max) expect(fitted).toBe(text);
      }),
      { numRuns: 1500 },
    );
  });

  it('GIVEN well-formed text THEN the result never holds half of a surrogate pair', () => {
    check(
      fc.property(texts.filter(isWellFormed), fc.integer({ min: 0, max: 320 }), (text, max) => {
        expect(isWellFormed(fitText(text, max))).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('GIVEN text too long for the limit THEN the result is the start of the text followed by "…", so a reader knows text was left out', () => {
    check(
      fc.property(texts, fc.integer({ min: 1, max: 320 }), (text, max) => {
        fc.pre(text.length > max);
        const fitted = fitText(text, max);
        expect(fitted.endsWith('…'), JSON.stringify(fitted)).toBe(true);
        expect(text.startsWith(fitted.replace(/ ?…$/u, '')), JSON.stringify(fitted)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('withinLimits, the backstop every message goes through', () => {
  /** Sizes rather than strings, so a counterexample reads as numbers; the text is words and spaces. */
  const filler = (length: number) => 'word '.repeat(Math.ceil(length / 5) + 1).slice(1, length + 1);
  const embedSizes = fc.record(
    {
      title: fc.integer({ min: 0, max: 400 }),
      description: fc.integer({ min: 0, max: 6000 }),
      footer: fc.integer({ min: 1, max: 3000 }),
      fields: fc.array(fc.record({ name: fc.integer({ min: 1, max: 400 }), value: fc.integer({ min: 1, max: 1500 }) }), { maxLength: 30 }),
    },
    { requiredKeys: ['description'] },
  );

  it('GIVEN any one embed THEN the payload it returns is within every Discord limit', () => {
    check(
      fc.property(embedSizes, (sizes) => {
        const embed = {
          ...(sizes.title !== undefined ? { title: filler(sizes.title) } : {}),
          description: filler(sizes.description),
          ...(sizes.footer !== undefined ? { footer: { text: filler(sizes.footer) } } : {}),
          ...(sizes.fields ? { fields: sizes.fields.map((field) => ({ name: filler(field.name), value: filler(field.value) })) } : {}),
        };
        expect(limitProblems(withinLimits({ embeds: [embed] }))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

/** Everything an AnswerResult promises about where its text comes from. */
function expectVerbatim(answer: Answer, documents: readonly SourceDocument[]): void {
  for (const result of answer.results) {
    const document = documents.find((candidate) => candidate.id === result.docId);
    expect(document, result.ref).toBeDefined();
    if (!document) return;
    const paragraph = document.paragraphs[result.paragraph - 1];
    expect(paragraph, result.ref).toBeDefined();
    if (!paragraph) return;
    expect(result.ref).toBe(`${document.id}#p${result.paragraph}`);
    expect(result.quote.trim()).not.toBe('');
    expect(document.text.slice(result.quoteStart, result.quoteEnd)).toBe(result.quote);
    expect(document.text.slice(result.textStart, result.textStart + result.text.length)).toBe(result.text);
    expect(result.quoteStart).toBeGreaterThanOrEqual(result.textStart);
    expect(result.quoteEnd).toBeLessThanOrEqual(result.textStart + result.text.length);
    expect(result.textStart).toBeGreaterThanOrEqual(paragraph.span.start);
    expect(result.textStart + result.text.length).toBeLessThanOrEqual(paragraph.span.end);
    expect(result.attribution).toEqual(paragraph.attribution.map((line) => document.text.slice(line.start, line.end)));
    // "Why this passage" shows words a reader can find: each matched word is in the passage as written.
    for (const match of result.matches) {
      expect(match.similarity).toBeGreaterThan(0);
      expect(match.similarity).toBeLessThanOrEqual(1);
      expect(document.text.slice(paragraph.span.start, paragraph.span.end + 500), `${result.ref}: ${match.matched}`).toContain(match.matched);
    }
    expect(result.coverage).toBeGreaterThanOrEqual(0);
    expect(result.coverage).toBeLessThanOrEqual(1 + 1e-9);
  }
  expect(answer.confidence).toBeGreaterThanOrEqual(0);
  expect(answer.confidence).toBeLessThanOrEqual(1 + 1e-9);
}

/** Renders every page of `answer` as the bot would and checks it with the independent limit checker. */
function expectEveryPageFits(answer: Answer, answerId: string, pageSize: number, isPrivate: boolean): void {
  const pages = Math.max(1, Math.ceil(answer.results.length / pageSize));
  for (let page = 0; page < pages; page += 1) {
    const view = pageOf(answerId, answer, page, pageSize, isPrivate);
    const payload = withinLimits(answerMessage(view));
    expect(limitProblems(payload), `page ${page}`).toEqual([]);
    const best = view.results[0];
    // The answer is only worth showing with its citation.
    if (view.answered && best) expect(payload.embeds?.[0]?.description).toMatch(new RegExp(` · ¶${best.paragraph}$`, 'u'));
  }
}

const askOptions = fc.record({
  limit: fc.integer({ min: 1, max: 12 }),
  strictness: fc.constantFrom<Strictness>('lenient', 'normal', 'strict'),
  // -Infinity answers with every candidate, so the quoting and rendering paths always run.
  minConfidence: fc.constantFrom<number | undefined>(undefined, -Infinity),
});
const rendering = fc.record({
  answerId: fc.bigInt({ min: 1n, max: (1n << 63n) - 1n }).map(String),
  pageSize: fc.integer({ min: 1, max: 5 }),
  isPrivate: fc.boolean(),
});

/** What the runs reached, so a property cannot pass by rejecting every question. */
interface Reached {
  rejected: number;
  answered: number;
  notCovered: number;
}

function engineProperty(engine: () => AnswerEngine, questions: fc.Arbitrary<string>, reached: Reached) {
  return fc.asyncProperty(questions, askOptions, rendering, async (raw, options, render) => {
    const asked = await engine().ask(raw, options);
    if (!asked.ok) {
      expect(['QUESTION_EMPTY', 'QUESTION_TOO_LONG']).toContain(asked.error.code);
      reached.rejected += 1;
      return;
    }
    if (asked.value.answered && asked.value.results.length > 0) reached.answered += 1;
    else reached.notCovered += 1;
    expect(asked.value.question).toBe((cleanQuestion(raw) as { value: string }).value);
    expectVerbatim(asked.value, essays);
    expectEveryPageFits(asked.value, render.answerId, render.pageSize, render.isPrivate);
  });
}

/** Hostile questions, plus real questions seasoned with hostile pieces so many of them are answered. */
const engineQuestions = fc.oneof({ arbitrary: hostileQuestion({ longLength: 10_000 }), weight: 3 }, { arbitrary: seasonedQuestion, weight: 2 });

describe('AnswerEngine.ask on hostile questions (fake embedder)', () => {
  let engine: AnswerEngine;
  beforeAll(async () => {
    const embedder = fakeEmbedder();
    engine = new AnswerEngine({ index: await memoryIndex(essays, embedder), embedder });
  });

  it('GIVEN any question THEN ask resolves (never throws), every quote is an exact slice of its essay, and every page renders within limits', async () => {
    const reached = { rejected: 0, answered: 0, notCovered: 0 };
    await checkAsync(engineProperty(() => engine, engineQuestions, reached), { numRuns: 300 });
    expect(reached.answered).toBeGreaterThan(30);
    expect(reached.notCovered).toBeGreaterThan(10);
    expect(reached.rejected).toBeGreaterThan(10);
  });
});

describe('AnswerEngine.ask on hostile questions (real test model)', () => {
  let engine: AnswerEngine;
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await testEmbedder();
    engine = new AnswerEngine({ index: await memoryIndex(essays, embedder), embedder });
  }, 60_000);

  it('GIVEN any question THEN ask resolves (never throws), every quote is an exact slice of its essay, and every page renders within limits', async () => {
    expect(engine.mode).not.toBe('keyword');
    const reached = { rejected: 0, answered: 0, notCovered: 0 };
    await checkAsync(engineProperty(() => engine, engineQuestions, reached), { numRuns: 200 });
    expect(reached.answered).toBeGreaterThan(20);
    expect(reached.notCovered).toBeGreaterThan(5);
  });
});

/** Questions that stress word matching: unknown words, numbers, other scripts, and questions at the length limit. */
const wordQuestions = fc.oneof(
  { arbitrary: fc.array(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 2, maxLength: 14 }), { minLength: 1, maxLength: 8 }).map((words) => words.join(' ')), weight: 3 },
  { arbitrary: fc.array(fc.oneof(fc.integer().map(String), fc.double({ noNaN: true }).map(String), fc.constantFrom('2014', '25', '70 per cent', '8 August')), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' ')), weight: 2 },
  { arbitrary: fc.constantFrom('Что хочет Путин от Украины?', 'プーチンは何を望んでいますか', 'ماذا يريد الكرملين', 'Was will der Kreml von der NATO?', '¿Necesita Rusia negociar?'), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), weight: 2 },
  { arbitrary: repeatedTo(MAX_QUESTION_CHARS), weight: 1 },
  { arbitrary: fc.constantFrom('need necessary concessions give up', 'Does Russia actually need negotiations to win?', 'cheerful mood treaty swaps'), weight: 1 },
  { arbitrary: engineQuestions, weight: 2 },
);

describe('AnswerEngine.ask with word vectors on hostile questions', () => {
  let lexical: AnswerEngine;
  let fused: AnswerEngine;
  beforeAll(async () => {
    const words = await testWordVectors();
    const embedder = await testEmbedder();
    lexical = new AnswerEngine({ index: await memoryIndex(essays, null, { words }), embedder: null });
    fused = new AnswerEngine({ index: await memoryIndex(essays, embedder, { words }), embedder });
  }, 60_000);

  it.each(['lexical', 'fused'] as const)('GIVEN unknown words, numbers, other scripts or 500 characters THEN ask resolves, quotes are verbatim and matched words are in the passage (%s)', async (mode) => {
    const engine = mode === 'lexical' ? lexical : fused;
    expect(engine.mode).toBe(mode);
    const reached = { rejected: 0, answered: 0, notCovered: 0 };
    await checkAsync(engineProperty(() => engine, wordQuestions, reached), { numRuns: 200 });
    expect(reached.answered).toBeGreaterThan(5);
    expect(reached.notCovered).toBeGreaterThan(20);
  });
});

