import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/corpus/formats/ingest-file.js';
import { essayFile } from '../support/documents/format-corpus.js';
import { checkAsync, configureProperties } from './property-config.js';

configureProperties();

const FORMATS = ['pdf', 'docx', 'epub'] as const;
const LIMIT = { maxDocumentBytes: 1_000_000 };

/** A well-formed document, or a typed refusal: never an exception, whatever the bytes. */
async function expectTypedResult(name: string, bytes: Uint8Array): Promise<void> {
  const ingested = await ingestFile(name, bytes, LIMIT);
  if (ingested.ok) {
    const { text, paragraphs } = ingested.value;
    for (const paragraph of paragraphs) expect(paragraph.span.end).toBeLessThanOrEqual(text.length);
  } else {
    expect(ingested.error.message).not.toMatch(/\n/);
  }
}

describe('PDF, DOCX and EPUB readers on damaged bytes', () => {
  const valid = new Map<string, Buffer>();
  beforeAll(async () => {
    for (const format of FORMATS) valid.set(format, (await essayFile(format, 'trump-putin-call')).bytes);
  }, 60_000);

  it.each(FORMATS)('GIVEN any bytes named .%s THEN a typed result, never an exception', async (format) => {
    await checkAsync(fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), (bytes) => expectTypedResult(`any.${format}`, bytes)), { numRuns: 40 });
  }, 120_000);

  it.each(FORMATS)('GIVEN a real .%s with bytes flipped or cut THEN a typed result, never an exception', async (format) => {
    const original = valid.get(format)!;
    const damage = fc.record({
      flips: fc.array(fc.record({ at: fc.nat({ max: original.length - 1 }), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 20 }),
      cut: fc.option(fc.nat({ max: original.length }), { nil: undefined }),
    });
    await checkAsync(
      fc.asyncProperty(damage, async ({ flips, cut }) => {
        const bytes = Buffer.from(original.subarray(0, cut ?? original.length));
        for (const { at, value } of flips) if (at < bytes.length) bytes[at] = value;
        await expectTypedResult(`damaged.${format}`, bytes);
      }),
      { numRuns: 25 },
    );
  }, 180_000);
});
