import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndex, MANIFEST_FILE } from '../../src/index/index-files.js';
import { weightedTermsOf } from '../../src/index/keyword-terms.js';
import { buildFrom } from '../support/build-helpers.js';
import { copyEssays } from '../support/corpus-copy.js';
import { useTempDirs } from '../support/temp-dir.js';
import { countingEmbedder, testEmbedder } from '../support/test-embedder.js';
import { testWordVectors } from '../support/word-vectors.js';

const tempDir = useTempDirs();

const build = buildFrom;

describe('building and loading the index', () => {
  it('GIVEN the essays indexed with the test model THEN each chunk’s own vector finds that chunk first', async () => {
    const root = await tempDir();
    const corpusDir = await copyEssays(root);
    const indexDir = path.join(root, 'index');
    const embedder = await testEmbedder();
    const summary = await build(corpusDir, indexDir, embedder);
    expect(summary.added).toEqual(['putin-witkoff-meeting', 'trump-putin-call']);

    const loaded = await loadIndex(indexDir, { withVectors: true, expectModel: { ...embedder.identity, dimensions: embedder.dimensions } });
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { library, vectors } = loaded.value;
    expect(library.chunkCount).toBe(33);
    for (const chunk of library.chunks()) {
      const [top] = vectors!.search(vectors!.vector(chunk.label), 1);
      expect(top?.label).toBe(chunk.label);
      expect(top?.similarity).toBeCloseTo(1, 5);
    }
  });

  it('GIVEN one essay edited THEN only that essay is re-embedded, and deleting the other removes it', async () => {
    const root = await tempDir();
    const corpusDir = await copyEssays(root);
    const indexDir = path.join(root, 'index');
    await build(corpusDir, indexDir, await testEmbedder());

    await appendFile(path.join(corpusDir, 'trump-putin-call.md'), '\nA new closing paragraph about sanctions.\n');
    const counting = countingEmbedder(await testEmbedder());
    const second = await build(corpusDir, indexDir, counting);
    expect(second).toMatchObject({ added: [], updated: ['trump-putin-call'], removed: [], unchanged: ['putin-witkoff-meeting'] });
    expect(counting.passages).toHaveLength(17);
    expect(counting.passages.at(-1)).toBe('A new closing paragraph about sanctions.');

    await rm(path.join(corpusDir, 'putin-witkoff-meeting.md'));
    const third = await build(corpusDir, indexDir, counting);
    expect(third).toMatchObject({ removed: ['putin-witkoff-meeting'], unchanged: ['trump-putin-call'] });
    const loaded = await loadIndex(indexDir, { withVectors: true });
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.vectors?.size).toBe(17);
    expect(loaded.value.keyword.search(weightedTermsOf('Witkoff'), 5).hits).toEqual([]);
  });

  it('GIVEN no model THEN the index is keyword-only, and a later build with the model embeds everything', async () => {
    const root = await tempDir();
    const corpusDir = await copyEssays(root);
    const indexDir = path.join(root, 'index');
    const keywordOnly = await build(corpusDir, indexDir, null);
    expect(keywordOnly.manifest.model).toBeNull();
    expect(keywordOnly.manifest.files.vectors).toBeNull();

    const counting = countingEmbedder(await testEmbedder());
    const withModel = await build(corpusDir, indexDir, counting);
    expect(withModel.rebuildReason).toBe('the index has no vectors yet');
    expect(counting.passages).toHaveLength(33);
  });
});

describe('refusing an index that does not fit', () => {
  it('GIVEN a manifest from another format, model or dimension THEN loading refuses with a one-line fix', async () => {
    const root = await tempDir();
    const indexDir = path.join(root, 'index');
    const embedder = await testEmbedder();
    await build(await copyEssays(root), indexDir, embedder);
    const identity = { ...embedder.identity, dimensions: embedder.dimensions };

    const otherModel = await loadIndex(indexDir, { withVectors: true, expectModel: { ...identity, id: 'Xenova/all-MiniLM-L6-v2' } });
    expect(!otherModel.ok && otherModel.error.code).toBe('INDEX_MODEL_MISMATCH');
    const otherDimensions = await loadIndex(indexDir, { withVectors: true, expectModel: { ...identity, dimensions: 768 } });
    expect(!otherDimensions.ok && otherDimensions.error.code).toBe('INDEX_DIMENSIONS_MISMATCH');

    const manifestFile = path.join(indexDir, MANIFEST_FILE);
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, format: 99 }));
    const otherFormat = await loadIndex(indexDir, { withVectors: true });
    expect(!otherFormat.ok && otherFormat.error.hint).toBe('run `npm run index -- --full`');
    expect(!otherFormat.ok && otherFormat.error.code).toBe('INDEX_FORMAT_MISMATCH');
  });

  it('GIVEN a damaged vector file or a missing manifest THEN loading says how to recover', async () => {
    const root = await tempDir();
    const indexDir = path.join(root, 'index');
    const summary = await build(await copyEssays(root), indexDir, await testEmbedder());
    const vectorsFile = path.join(indexDir, summary.manifest.files.vectors!.name);
    await writeFile(vectorsFile, (await readFile(vectorsFile)).subarray(0, 100));
    const damaged = await loadIndex(indexDir, { withVectors: true });
    expect(!damaged.ok && damaged.error.code).toBe('INDEX_CORRUPT');

    const missing = await loadIndex(path.join(root, 'nowhere'), { withVectors: true });
    expect(!missing.ok && missing.error).toMatchObject({ code: 'INDEX_MISSING', hint: 'run `npm run index`' });
  });

  it('GIVEN the word-vector table THEN the generation stores the corpus terms and their graph, checksummed, and they load back', async () => {
    const root = await tempDir();
    const indexDir = path.join(root, 'index');
    const words = await testWordVectors();
    const summary = await build(await copyEssays(root), indexDir, null);
    expect(summary.manifest.lexicon).toEqual({ table: words.checksum, dimensions: 100, terms: expect.any(Number) as number });
    const { terms, termGraph } = summary.manifest.files;
    expect(terms?.name).toBe(`terms-${summary.manifest.buildId}.json`);
    expect(termGraph?.name).toBe(`termgraph-${summary.manifest.buildId}.hnsw`);
    const loaded = await loadIndex(indexDir, { withVectors: false });
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.terms?.size).toBe(summary.manifest.lexicon?.terms);
    const necessary = loaded.value.terms?.nearest('need', words.vector('need')!, 32).map((neighbour) => neighbour.term);
    expect(necessary).toContain('necessari');

    await writeFile(path.join(indexDir, termGraph!.name), 'damaged');
    const damaged = await loadIndex(indexDir, { withVectors: false });
    expect(!damaged.ok && damaged.error.message).toMatch(/termgraph-.*\.hnsw has the wrong size/);
  });

  it('GIVEN another word-vector table THEN the next build rewrites the word neighbours without embedding anything', async () => {
    const root = await tempDir();
    const corpusDir = await copyEssays(root);
    const indexDir = path.join(root, 'index');
    await build(corpusDir, indexDir, await testEmbedder());
    const counting = countingEmbedder(await testEmbedder());
    const unchanged = await build(corpusDir, indexDir, counting);
    const withoutTable = await build(corpusDir, indexDir, counting, false, null);
    expect(withoutTable.manifest.buildId).not.toBe(unchanged.manifest.buildId);
    expect(withoutTable.manifest.lexicon).toBeNull();
    expect(withoutTable.manifest.files.terms).toBeNull();
    const restored = await build(corpusDir, indexDir, counting);
    expect(restored.manifest.lexicon?.table).toBe((await testWordVectors()).checksum);
    expect(counting.passages).toEqual([]);
  });
});

