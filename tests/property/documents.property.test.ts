import { createHash } from 'node:crypto';
import type * as fsPromises from 'node:fs/promises';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.js';
import { passageAt } from '../../src/answer/passages.js';
import { chunkParagraphs } from '../../src/corpus/chunker.js';
import { isDocumentId } from '../../src/corpus/document-id.js';
import type { SourceDocument, Span } from '../../src/corpus/document.js';
import { ingestDocument } from '../../src/corpus/ingest.js';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { withinLimits } from '../../src/discord/discord-io.js';
import { answerMessage } from '../../src/discord/render/answer-message.js';
import { passageMessage } from '../../src/discord/render/passage-message.js';
import { keywordTermsOf } from '../../src/index/keyword-terms.js';
import { pageOf } from '../support/answer-pages.js';
import { memoryIndex } from '../support/memory-index.js';
import { useTempDirs } from '../support/temp-dir.js';
import { limitProblems } from './discord-oracle.js';
import { encode, encoding, htmlText, lineEnding, markdownText, plainText, withLineEndings } from './document-arbitraries.js';
import { check, checkAsync, configureProperties, timed } from './property-config.js';

// Records which files the corpus reader reads bytes from, to prove it never reads an oversized one.
const bytesRead = vi.hoisted(() => new Map<string, number>());
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>();
  const open = async (...args: Parameters<typeof actual.open>) => {
    const handle = await actual.open(...args);
    const read = handle.read.bind(handle) as (...readArgs: unknown[]) => Promise<{ bytesRead: number }>;
    const name = path.basename(String(args[0]));
    Object.assign(handle, {
      read: async (...readArgs: unknown[]) => {
        const result = await read(...readArgs);
        bytesRead.set(name, (bytesRead.get(name) ?? 0) + result.bytesRead);
        return result;
      },
    });
    return handle;
  };
  return { ...actual, open };
});

configureProperties();
const tempDir = useTempDirs();

/** The default of MAX_DOCUMENT_BYTES (src/config/schema.ts). */
const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const TYPED_ERRORS = ['DOCUMENT_EMPTY', 'DOCUMENT_BINARY', 'DOCUMENT_NO_PARAGRAPHS', 'DOCUMENT_UNSUPPORTED', 'DOCUMENT_ID_INVALID'];

const fileName = fc.constantFrom('essay.md', 'essay.markdown', 'essay.txt', 'essay.html', 'ESSAY.HTM', 'notes/Some Essay.md');
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Ingests, and checks the result is a typed error or a well-formed document. */
function ingest(name: string, bytes: Uint8Array): SourceDocument | undefined {
  const ingested = ingestDocument(name, bytes);
  if (!ingested.ok) {
    expect(TYPED_ERRORS).toContain(ingested.error.code);
    return undefined;
  }
  expectWellFormed(ingested.value);
  return ingested.value;
}

function expectWellFormed(document: SourceDocument): void {
  const { text, paragraphs } = document;
  expect(isDocumentId(document.id)).toBe(true);
  expect(document.title.trim()).not.toBe('');
  expect(document.hash).toBe(createHash('sha256').update(text).digest('hex'));
  expect(paragraphs.length).toBeGreaterThan(0);
  const inText = (span: Span, what: string) => {
    expect(Number.isInteger(span.start) && Number.isInteger(span.end), what).toBe(true);
    expect(span.start, what).toBeGreaterThanOrEqual(0);
    expect(span.end, what).toBeGreaterThan(span.start);
    expect(span.end, what).toBeLessThanOrEqual(text.length);
  };
  // Paragraphs and their credit lines, in reading order, never overlap.
  let previousEnd = 0;
  paragraphs.forEach((paragraph, i) => {
    expect(paragraph.number).toBe(i + 1);
    for (const [j, span] of [paragraph.span, ...paragraph.attribution].entries()) {
      const what = `¶${paragraph.number} ${j === 0 ? 'text' : `credit ${j}`} ${JSON.stringify(span)}`;
      inText(span, what);
      expect(span.start, `${what} starts before the previous span ends (${previousEnd})`).toBeGreaterThanOrEqual(previousEnd);
      expect(text.slice(span.start, span.end), what).toMatch(/\S/u);
      previousEnd = span.end;
    }
  });
}

/** chunkParagraphs with a word-count token counter: chunks are the paragraphs' text, in order, within budget, losing nothing. */
function expectChunks(document: SourceDocument, maxTokens: number, options: { trimmed: boolean } = { trimmed: false }): void {
  const { text, paragraphs } = document;
  const chunks = chunkParagraphs(document.id, text, paragraphs, { maxTokens, countTokens: words });
  const byParagraph = new Map<number, typeof chunks>();
  for (const chunk of chunks) {
    const own = byParagraph.get(chunk.paragraph);
    if (own) own.push(chunk);
    else byParagraph.set(chunk.paragraph, [chunk]);
  }
  let previousEnd = 0;
  for (const paragraph of paragraphs) {
    const own = byParagraph.get(paragraph.number) ?? [];
    expect(own.length, `¶${paragraph.number} has no chunk`).toBeGreaterThan(0);
    own.forEach((chunk, i) => {
      const slice = text.slice(chunk.span.start, chunk.span.end);
      const what = `¶${paragraph.number} part ${chunk.part}/${chunk.parts} ${JSON.stringify(slice.slice(0, 60))}`;
      expect(chunk.docId).toBe(document.id);
      expect([chunk.part, chunk.parts], what).toEqual([i + 1, own.length]);
      expect(chunk.span.start, what).toBeGreaterThanOrEqual(paragraph.span.start);
      expect(chunk.span.end, what).toBeLessThanOrEqual(paragraph.span.end);
      expect(chunk.span.start, what).toBeGreaterThanOrEqual(previousEnd);
      expect(slice, what).toMatch(/\S/u);
      if (options.trimmed) expect(slice, `${what} is not trimmed`).toBe(slice.trim());
      // Within budget, unless it is a single word longer than the budget allows.
      if (words(slice) > maxTokens) expect(words(slice), what).toBe(1);
      previousEnd = chunk.span.end;
    });
    // Nothing silently dropped: every non-space character of the paragraph is in one of its chunks.
    const covered = new Uint8Array(paragraph.span.end - paragraph.span.start);
    for (const chunk of own) covered.fill(1, chunk.span.start - paragraph.span.start, chunk.span.end - paragraph.span.start);
    const body = text.slice(paragraph.span.start, paragraph.span.end);
    for (const match of body.matchAll(/\S/gu)) {
      if (!covered[match.index]) expect.fail(`¶${paragraph.number} loses ${JSON.stringify(match[0])} at ${match.index}`);
    }
  }
  expect([...byParagraph.keys()].every((number) => paragraphs[number - 1])).toBe(true);
}

const maxTokens = fc.integer({ min: 1, max: 12 });

describe('ingestDocument on arbitrary bytes', () => {
  it('GIVEN any bytes (up to 64 KB) THEN it never throws: a typed error, or a well-formed document', () => {
    check(
      fc.property(fileName, fc.uint8Array({ maxLength: 65_536, size: 'max' }), (name, bytes) => {
        ingest(name, bytes);
      }),
      { numRuns: 25 },
    );
  });

  it('GIVEN bytes with no NUL and few control characters THEN it never throws, and documents chunk cleanly', () => {
    // Control bytes become line breaks, tabs, spaces and markup, so the file reads as (odd) text.
    const TEXTISH = [0x09, 0x0a, 0x0a, 0x0d, 0x20, 0x20, 0x20, 0x2e, 0x3e, 0x23, 0x3c, 0x2d];
    const textish = fc.uint8Array({ maxLength: 65_536, size: 'max' }).map((bytes) => bytes.map((byte) => (byte < 0x20 || byte === 0x7f ? TEXTISH[byte % TEXTISH.length]! : byte)));
    check(
      fc.property(fileName, textish, maxTokens, (name, bytes, max) => {
        const document = ingest(name, bytes);
        if (document) expectChunks(document, max);
      }),
      // Markdown parsing of 64 KB of near-random text takes about half a second.
      { numRuns: 15 },
    );
  });
});

describe('ingestDocument on hostile markdown, HTML and plain text, in any encoding and line ending', () => {
  const formats = [
    { name: 'essay.md', text: markdownText },
    { name: 'essay.html', text: htmlText },
    { name: 'essay.txt', text: plainText },
  ];
  for (const format of formats) {
    it(`GIVEN ${format.name} THEN it never throws, and the document's spans and chunks are well-formed`, () => {
      check(
        fc.property(format.text, encoding, lineEnding, fc.array(fc.nat(), { maxLength: 8 }), maxTokens, (text, as, ending, junk, max) => {
          const document = ingest(format.name, encode(withLineEndings(text, ending, junk), as, junk));
          if (document) expectChunks(document, max);
        }),
        { numRuns: 120 },
      );
    });
  }

  /** Text every encoding can carry: no lone surrogates, no NUL (which marks UTF-8 as binary), no leading BOM. */
  const portable = (text: string) => !/[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')) && !text.includes('\u0000') && !text.startsWith('\ufeff');

  for (const format of formats) {
    it(`GIVEN ${format.name} in UTF-8, UTF-8 with BOM, UTF-16 LE and UTF-16 BE THEN it is the same document`, () => {
      check(
        fc.property(format.text.filter(portable), (text) => {
          const [utf8, ...others] = (['utf8', 'utf8-bom', 'utf16le-bom', 'utf16be-bom'] as const).map((as) => ingestDocument(format.name, encode(text, as)));
          for (const other of others) expect(other).toEqual(utf8);
        }),
        { numRuns: 60 },
      );
    });

    it(`GIVEN ${format.name} with \\n, \\r\\n, \\r or mixed line endings THEN it has the same paragraphs`, () => {
      const normalise = (text: string) => text.replace(/\r\n?/g, '\n');
      const shape = (text: string) => {
        const ingested = ingestDocument(format.name, Buffer.from(text));
        if (!ingested.ok) return ingested.error.code;
        const { text: stored, paragraphs, title } = ingested.value;
        return {
          title: normalise(title),
          paragraphs: paragraphs.map((paragraph) => ({
            section: paragraph.section === null ? null : normalise(paragraph.section),
            text: normalise(stored.slice(paragraph.span.start, paragraph.span.end)),
            credits: paragraph.attribution.map((line) => stored.slice(line.start, line.end)),
          })),
        };
      };
      check(
        fc.property(format.text, fc.constantFrom('crlf', 'cr', 'mixed') as fc.Arbitrary<'crlf' | 'cr' | 'mixed'>, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (text, ending, choices) => {
          const lf = text.replace(/\r\n?/g, '\n');
          expect(shape(withLineEndings(lf, ending, choices))).toEqual(shape(lf));
        }),
        { numRuns: 100 },
      );
    });
  }
});

describe('chunk and source URL hygiene', () => {
  const anyFormat = fc.oneof(
    markdownText.map((text) => ['essay.md', text] as const),
    htmlText.map((text) => ['essay.html', text] as const),
    plainText.map((text) => ['essay.txt', text] as const),
  );

  it('GIVEN any document THEN every chunk is trimmed (no leading or trailing whitespace)', () => {
    check(
      fc.property(anyFormat, maxTokens, ([name, text], max) => {
        const document = ingest(name, Buffer.from(text));
        if (document) expectChunks(document, max, { trimmed: true });
      }),
      { numRuns: 150 },
    );
  });

  const href = fc.constantFrom('https://example.com/essay', 'HTTP://EXAMPLE.COM', 'javascript:alert(1)', '/essays/putin', '//cdn.example.com/x', 'mailto:a@b.c', 'https://', 'https:// spaced.example', ' https://example.com', 'data:text/html,x');
  const sources = {
    'markdown front matter (source_url)': fc.tuple(href, markdownText).map(([url, text]) => ['essay.md', `---\nsource_url: "${url}"\n---\n${text}`] as const),
    'HTML <link rel="canonical">': fc.tuple(href, htmlText).map(([url, text]) => ['essay.html', `<link rel="canonical" href="${url}">${text}`] as const),
  };

  for (const [where, documents] of Object.entries(sources)) {
    it(`GIVEN a source URL in ${where} THEN the document's source URL is an absolute http(s) URL or none (Discord rejects an embed url that is not)`, () => {
      check(
        fc.property(documents, ([name, text]) => {
          const ingested = ingestDocument(name, Buffer.from(text));
          if (ingested.ok && ingested.value.sourceUrl !== null) expect(ingested.value.sourceUrl).toMatch(/^https?:\/\/[^\s/]\S*$/i);
        }),
        { numRuns: 100 },
      );
    });
  }
});

/** Ingests a hostile document and asks about one of its paragraphs, as the bot would. */
async function askAbout(name: string, text: string, pick: number) {
  const ingested = ingestDocument(name, Buffer.from(text));
  fc.pre(ingested.ok);
  if (!ingested.ok) return undefined;
  const document = ingested.value;
  // Ask with the words of one paragraph, so the engine finds it.
  const paragraph = document.paragraphs[pick % document.paragraphs.length]!;
  const question = keywordTermsOf(document.text.slice(paragraph.span.start, paragraph.span.end)).slice(0, 8).join(' ');
  fc.pre(/[\p{L}\p{N}]/u.test(question));
  const engine = new AnswerEngine({ index: await memoryIndex([document], null), embedder: null });
  const asked = await engine.ask(question, { minConfidence: -Infinity, limit: 12 });
  if (!asked.ok) {
    expect(['QUESTION_EMPTY', 'QUESTION_TOO_LONG']).toContain(asked.error.code);
    return undefined;
  }
  return { document, engine, answer: asked.value };
}

describe('answers quoted from hostile documents', () => {
  const hostileDocument = fc.oneof(markdownText.map((text) => ['essay.md', text] as const), htmlText.map((text) => ['essay.html', text] as const));
  // Each run builds an index; shrinking a failure is bounded in time so a failing run stays quick.
  const parameters = { numRuns: 60, interruptAfterTimeLimit: 8_000 };

  it('GIVEN any ingested markdown or HTML THEN every quote is an exact slice, and the answer renders within limits with its citation', async () => {
    await checkAsync(
      fc.asyncProperty(hostileDocument, fc.nat(), async ([name, text], pick) => {
        const asked = await askAbout(name, text, pick);
        if (!asked) return;
        for (const result of asked.answer.results) {
          expect(asked.document.text.slice(result.quoteStart, result.quoteEnd)).toBe(result.quote);
          expect(result.quote).toMatch(/\S/u);
        }
        const view = pageOf('1234567890123456789', asked.answer, 0, 5, true);
        const payload = withinLimits(answerMessage(view));
        expect(limitProblems(payload)).toEqual([]);
        const best = view.results[0];
        if (view.answered && best) expect(payload.embeds?.[0]?.description, 'the best quote lost its citation').toMatch(new RegExp(` · ¶${best.paragraph}$`, 'u'));
      }),
      parameters,
    );
  });

  it('GIVEN any ingested markdown or HTML THEN "Full ¶" of every passage renders in a message Discord accepts', async () => {
    await checkAsync(
      fc.asyncProperty(hostileDocument, fc.nat(), async ([name, text], pick) => {
        const asked = await askAbout(name, text, pick);
        if (!asked) return;
        for (const result of asked.answer.results) {
          const passage = passageAt(asked.engine.index.library, result.docId, result.paragraph);
          expect(passage).toBeDefined();
          if (passage) expect(limitProblems(withinLimits(passageMessage(passage)))).toEqual([]);
        }
      }),
      parameters,
    );
  });
});

describe('fixed hostile documents', () => {
  it('GIVEN an empty or blank file THEN DOCUMENT_EMPTY', () => {
    for (const name of ['a.md', 'a.txt', 'a.html']) {
      for (const bytes of [new Uint8Array(0), Buffer.from(' \n\t\r\n'), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xff, 0xfe])]) {
        const ingested = ingestDocument(name, bytes);
        expect(ingested.ok ? 'ok' : ingested.error.code, `${name} ${Buffer.from(bytes).toString('hex')}`).toBe('DOCUMENT_EMPTY');
      }
    }
  });

  it('GIVEN a PNG file named .md, .txt or .html THEN DOCUMENT_BINARY', () => {
    // Signature, then the IHDR chunk of a 1×1 image.
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');
    for (const name of ['image.md', 'image.txt', 'image.html']) {
      const ingested = ingestDocument(name, png);
      expect(ingested.ok ? 'ok' : ingested.error.code).toBe('DOCUMENT_BINARY');
    }
  });

  it('GIVEN HTML nested 50,000 levels deep THEN it is read without a stack overflow', () => {
    const depth = 50_000;
    const { value: ingested, ms } = timed(() => ingestDocument('deep.html', Buffer.from(`${'<div>'.repeat(depth)}Deep inside.${'</div>'.repeat(depth)}`)));
    expect(ingested.ok).toBe(true);
    if (ingested.ok) expect(ingested.value.text).toBe('Deep inside.');
    expect(ms).toBeLessThan(15_000);
  });

  it('GIVEN 20,000 nested <footer> (or <cite>) tags THEN parsing costs about what 20,000 nested <div> do, not quadratic time', () => {
    const depth = 20_000;
    const baseline = timed(() => ingestDocument('div.html', Buffer.from(`${'<div>'.repeat(depth)}Text.`)));
    const footers = timed(() => ingestDocument('footer.html', Buffer.from(`${'<footer>'.repeat(depth)}Text.`)));
    const cites = timed(() => ingestDocument('cite.html', Buffer.from(`${'<cite>x '.repeat(depth)}Text.`)));
    expect(footers.value.ok && cites.value.ok).toBe(true);
    const budget = Math.max(400, 5 * baseline.ms);
    const measured = `<div> ${Math.round(baseline.ms)} ms, <footer> ${Math.round(footers.ms)} ms, <cite> ${Math.round(cites.ms)} ms; budget ${Math.round(budget)} ms`;
    expect(footers.ms, measured).toBeLessThan(budget);
    expect(cites.ms, measured).toBeLessThan(budget);
  });

  /** The first page of the answer to `question`, as the bot would send it, and "Full ¶" of its best passage. */
  async function rendered(document: SourceDocument, question: string) {
    const engine = new AnswerEngine({ index: await memoryIndex([document], null), embedder: null });
    const asked = await engine.ask(question, { minConfidence: -Infinity });
    if (!asked.ok) throw new Error(asked.error.message);
    const best = asked.value.results[0]!;
    const answer = withinLimits(answerMessage(pageOf('1234567890123456789', asked.value, 0, 3, false))).embeds![0]!;
    const full = withinLimits(passageMessage(passageAt(engine.index.library, best.docId, best.paragraph)!)).embeds![0]!;
    return { best, answer, full };
  }

  it('GIVEN a 5,000-character section heading THEN the answer still shows its quote and citation', async () => {
    const ingested = ingestDocument('long-heading.md', Buffer.from(`# Title\n\n## ${'word '.repeat(1_000)}\n\nThe zebra crossed the river at dawn.\n`));
    expect(ingested.ok).toBe(true);
    if (!ingested.ok) return;
    const { answer } = await rendered(ingested.value, 'zebra river');
    expect(limitProblems({ embeds: [answer] })).toEqual([]);
    expect(answer.description).toContain('The zebra crossed the river at dawn.');
    expect(answer.description).toMatch(/ · ¶1$/u);
  });

  it('GIVEN an HTML quotation with a 5,000-character credit THEN the answer shows quote and citation, and "Full ¶" the paragraph', async () => {
    const html = `<figure><blockquote><p>The zebra crossed the river at dawn.</p></blockquote><figcaption>${'Credit line words '.repeat(300)}</figcaption></figure>`;
    const ingested = ingestDocument('long-credit.html', Buffer.from(html));
    expect(ingested.ok).toBe(true);
    if (!ingested.ok) return;
    const { answer, full } = await rendered(ingested.value, 'zebra river');
    expect(answer.description).toContain('The zebra crossed the river at dawn.');
    expect(answer.description).toMatch(/ · ¶1$/u);
    expect(full.description).toContain('The zebra crossed the river at dawn.');
  });

  it('GIVEN markdown block quotes nested 10,000 deep THEN it is a typed result, not a stack overflow', () => {
    expect(() => ingestDocument('deep.md', Buffer.from(`${'>'.repeat(10_000)} Deep inside.`))).not.toThrow();
  });

  it('GIVEN markdown lists nested 2,000 deep THEN it is a typed result, not a stack overflow', () => {
    expect(() => ingestDocument('deep.md', Buffer.from(`${'- '.repeat(2_000)}Deep inside.`))).not.toThrow();
  });
});

describe('a 50 MB text file', () => {
  const SIZE = 50 * 1024 * 1024;
  let dir: string;
  let bytes: Buffer;

  beforeAll(async () => {
    dir = await tempDir();
    const paragraph = `${'The envoy met the president in Moscow, and both sides said the talks were useful. '.repeat(7).trimEnd()}\n\n`;
    bytes = Buffer.from(paragraph.repeat(Math.ceil(SIZE / paragraph.length)).slice(0, SIZE), 'latin1');
    await mkdir(path.join(dir, 'corpus'));
    await writeFile(path.join(dir, 'corpus', 'huge.txt'), bytes);
    await writeFile(path.join(dir, 'corpus', 'small.md'), '# Small\n\nA paragraph.\n');
  }, 60_000);

  it('GIVEN it in the corpus folder THEN readCorpus reports DOCUMENT_TOO_LARGE at once, without reading it', async () => {
    bytesRead.clear();
    const started = performance.now();
    const corpus = await readCorpus(path.join(dir, 'corpus'), { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES });
    const ms = performance.now() - started;
    console.log(`readCorpus with a 50 MB file: ${Math.round(ms)} ms`);
    expect(corpus.ok).toBe(true);
    if (!corpus.ok) return;
    expect(corpus.value.documents.map((document) => document.id)).toEqual(['small']);
    expect(corpus.value.skipped).toEqual([expect.objectContaining({ code: 'DOCUMENT_TOO_LARGE', message: expect.stringContaining(`${SIZE} bytes`) })]);
    expect([...bytesRead.keys()]).toEqual(['small.md']);
    expect(ms).toBeLessThan(1_000);
  });

  it('GIVEN it ingested directly as plain text THEN it completes, in seconds', () => {
    const { value: ingested, ms } = timed(() => ingestDocument('huge.txt', bytes));
    expect(ingested.ok).toBe(true);
    if (ingested.ok) {
      expect(ingested.value.text.length).toBe(SIZE);
      expect(ingested.value.paragraphs.length).toBeGreaterThan(80_000);
    }
    console.log(`ingestDocument of 50 MB plain text: ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(15_000);
  }, 30_000);
});
