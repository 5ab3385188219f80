import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.js';
import { cleanQuestion } from '../../src/answer/question.js';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { answerMessage } from '../../src/discord/render/answer-message.js';
import { pageOf } from '../support/answer-pages.js';
import { fakeEmbedder } from '../support/fake-embedder.js';
import { memoryIndex } from '../support/memory-index.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { LINK_SYNTAX } from './discord-oracle.js';
import { check, checkAsync, configureProperties } from './property-config.js';

configureProperties();

/**
 * Discord's markdown, as members type it around their words: emphasis, spoilers,
 * code, masked links (with and without an embed-suppressing <…> or a title),
 * headings, subtext, quotes, lists, escapes and code blocks.
 * https://support.discord.com/hc/en-us/articles/210298617-Markdown-Text-101
 */
const WORDS = ['What', 'did', 'Hegseth', 'say', 'about', 'the', '2014', 'borders', 'Putin', 'Kremlin', 'want', 'sanctions', 'Witkoff', 'NATO', 'talks'];
const word = fc.constantFrom(...WORDS);
// Discord ends a masked link's address at its first ")", so an address holding one leaves text the member sees; none here.
const url = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((address) => !/[()"<>]/u.test(address)), fc.constant('https://evil.example/phish'));

const wrapped: fc.Arbitrary<{ text: string; words: string[] }> = fc.oneof(
  word.map((w) => ({ text: w, words: [w] })),
  fc.tuple(fc.constantFrom('**', '*', '_', '__', '***', '~~', '||', '`'), word).map(([mark, w]) => ({ text: `${mark}${w}${mark}`, words: [w] })),
  fc.tuple(fc.array(word, { minLength: 1, maxLength: 3 }), url, fc.constantFrom('plain', 'angle', 'title')).map(([ws, address, style]) => {
    const target = style === 'angle' ? `<${address}>` : style === 'title' ? `${address} "a title"` : address;
    return { text: `[${ws.join(' ')}](${target})`, words: ws };
  }),
  fc.tuple(fc.constantFrom('**', '__', '||', '~~'), word, url).map(([mark, w, address]) => ({ text: `${mark}[${w}](${address})${mark}`, words: [w] })),
  fc.tuple(word, fc.constantFrom('*', '_', '`', '|', '~', '#', '>', '[', ']')).map(([w, mark]) => ({ text: `\\${mark}${w}\\${mark}`, words: [w] })),
  fc.tuple(url, fc.boolean()).map(([address, angled]) => ({ text: angled ? `<${address}>` : address, words: [] })),
);

const line: fc.Arbitrary<{ text: string; words: string[] }> = fc
  .tuple(fc.constantFrom('', '# ', '## ', '### ', '-# ', '> ', '>>> ', '- ', '* ', '1. '), fc.array(wrapped, { minLength: 1, maxLength: 6 }))
  .map(([prefix, parts]) => ({ text: prefix + parts.map((part) => part.text).join(' '), words: parts.flatMap((part) => part.words) }));

const message: fc.Arbitrary<{ text: string; words: string[] }> = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 3 }), fc.option(fc.array(word, { minLength: 1, maxLength: 3 }), { nil: undefined }))
  .map(([lines, block]) => {
    const code = block ? [`\`\`\`js\n${block.join(' ')}\n\`\`\``] : [];
    return { text: [...lines.map((l) => l.text), ...code].join('\n'), words: [...lines.flatMap((l) => l.words), ...(block ?? [])] };
  });

/** What markup leaves behind when it is removed badly: link remains, emphasis, spoiler and code marks, quote and heading marks, escapes. */
const DEBRIS = /\]\(|[[\]*_~|`<>#\\]|(?:^|\s)-#?(?:\s|$)/u;

describe('Discord markdown in questions', () => {
  it('GIVEN words wrapped in any Discord markdown THEN the cleaned question keeps every word, in order, and no markup or link debris', () => {
    check(
      fc.property(message, ({ text, words }) => {
        const cleaned = cleanQuestion(text);
        if (words.length === 0) return;
        expect(cleaned.ok, text).toBe(true);
        if (!cleaned.ok) return;
        expect(cleaned.value, text).not.toMatch(DEBRIS);
        expect(cleaned.value, text).not.toMatch(LINK_SYNTAX);
        expect(cleaned.value.split(' ').filter((token) => /[\p{L}\p{N}]/u.test(token)).map((token) => token.replace(/[?!.,;:]+$/u, ''))).toEqual(words);
      }),
      { numRuns: 1000, interruptAfterTimeLimit: 30_000, markInterruptAsFailure: true },
    );
  });

  describe('through the engine and the renderer', () => {
    let engine: AnswerEngine;
    beforeAll(async () => {
      const corpus = await readCorpus(ESSAYS_DIR, { maxDocumentBytes: 10 * 1024 * 1024 });
      if (!corpus.ok) throw new Error(corpus.error.message);
      const embedder = fakeEmbedder();
      engine = new AnswerEngine({ index: await memoryIndex(corpus.value.documents, embedder), embedder });
    });

    it('GIVEN such a question THEN what is searched and the answer’s title carry none of the debris', async () => {
      await checkAsync(
        fc.asyncProperty(message, async ({ text, words }) => {
          fc.pre(words.length > 0);
          const asked = await engine.ask(text, { minConfidence: -Infinity });
          expect(asked.ok).toBe(true);
          if (!asked.ok) return;
          expect(asked.value.question).not.toMatch(DEBRIS);
          const title = answerMessage(pageOf('1234567890123456789', asked.value, 0, 3, false)).embeds?.[0]?.title ?? '';
          expect(title.slice(1, -1)).not.toMatch(DEBRIS);
          expect(title).not.toMatch(LINK_SYNTAX);
        }),
        { numRuns: 200, interruptAfterTimeLimit: 30_000, markInterruptAsFailure: true },
      );
    });
  });
});
