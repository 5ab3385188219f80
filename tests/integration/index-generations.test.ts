import type * as FsPromises from 'node:fs/promises';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ingestDocument } from '../../src/corpus/ingest.js';
import type { SourceDocument } from '../../src/corpus/document.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { type BuildOptions, buildIndex } from '../../src/index/build-index.js';
import {
  GENERATION_GRACE_MS,
  generationFileNames,
  loadGeneration,
  loadIndex,
  pruneGenerations,
  readManifest,
  withCurrentManifest,
} from '../../src/index/index-files.js';
import { findMismatches } from '../../src/index/verify.js';
import { fakeEmbedder } from '../support/fake-embedder.js';
import { useTempDirs } from '../support/temp-dir.js';

const kill = vi.hoisted(() => ({ armed: false, fired: false }));

// A SIGKILL right after the final save has renamed its stored texts into place, before anything else.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  const rename: typeof actual.rename = async (from, to) => {
    await actual.rename(from, to);
    if (kill.armed && path.basename(String(to)).startsWith('texts-')) {
      kill.armed = false;
      kill.fired = true;
      throw new Error('simulated SIGKILL after the final rename');
    }
  };
  return { ...actual, rename, default: { ...actual, rename } };
});

const tempDir = useTempDirs();
const GROUPS = 2;
const OPTIONS: Omit<BuildOptions, 'dir'> = { full: false, chunkMaxTokens: 256, hnsw: { m: 16, efConstruction: 200, efSearch: 50 }, checkpointMs: 1_000 };

/** One document per embedding group (a group gathers whole documents up to 256 chunks). */
function documents(version = 1): SourceDocument[] {
  return Array.from({ length: GROUPS }, (_, d) => {
    const body = Array.from({ length: 256 }, (_, p) => `Paragraph ${p} of document ${d}, version ${version}, about talks.`).join('\n\n');
    const ingested = ingestDocument(`doc-${d}.md`, new TextEncoder().encode(`# Document ${d}\n\n${body}\n`));
    if (!ingested.ok) throw new Error(ingested.error.message);
    return ingested.value;
  });
}

/** Each embedding call "takes" longer than the checkpoint interval, so every group is followed by a checkpoint. */
function slowBuildEmbedder(): Embedder & { embedded: number } {
  const inner = fakeEmbedder();
  const counting = {
    ...inner,
    embedded: 0,
    embedPassages: async (texts: readonly string[]) => {
      vi.setSystemTime(Date.now() + 10 * OPTIONS.checkpointMs);
      counting.embedded += texts.length;
      return inner.embedPassages(texts);
    },
  };
  return counting;
}

const progressArmingTheKill = { start() {}, advance() {}, stop: () => void (kill.armed = true) };

afterEach(() => {
  vi.useRealTimers();
  kill.armed = kill.fired = false;
});

describe('generations of the index', () => {
  it('GIVEN a long build killed right after its final save renamed a data file THEN its last checkpoint loads whole, and the next build resumes from it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const dir = path.join(await tempDir(), 'index');
    const corpus = documents();
    await expect(buildIndex(corpus, slowBuildEmbedder(), { ...OPTIONS, dir, progress: progressArmingTheKill })).rejects.toThrow('simulated SIGKILL');
    expect(kill.fired).toBe(true);

    const loaded = await loadIndex(dir, { withVectors: true });
    expect(loaded.ok, loaded.ok ? '' : loaded.error.message).toBe(true);
    if (!loaded.ok) return;
    const checkpointed = loaded.value.manifest.documents.map((document) => document.id);
    expect(checkpointed).toEqual(['doc-0']);
    expect(findMismatches(corpus, loaded.value)).toEqual(['doc-1.md is not indexed']);

    const resumed = slowBuildEmbedder();
    const built = await buildIndex(corpus, resumed, { ...OPTIONS, dir });
    expect(built.ok && built.value.added).toEqual(['doc-1']);
    expect(resumed.embedded).toBe(256);
  });

  it('GIVEN a build with checkpoints THEN every save, checkpoint or final, wrote files of its own names', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const dir = path.join(await tempDir(), 'index');
    const built = await buildIndex(documents(), slowBuildEmbedder(), { ...OPTIONS, dir });
    if (!built.ok) throw new Error(built.error.message);
    // Replaced generations stay for the grace period (a reader may have read their manifest a moment ago), so all are still here.
    const files = await readdir(dir);
    for (const kind of ['texts-', 'keyword-', 'vectors-']) expect(files.filter((name) => name.startsWith(kind))).toHaveLength(2);
    expect(files).toEqual(expect.arrayContaining(generationFileNames(built.value.manifest)));
  });

  it('GIVEN a reader that read the manifest just before `--full` replaced the generation THEN it still loads what it read, and the files go after the grace period', async () => {
    const dir = path.join(await tempDir(), 'index');
    expect((await buildIndex(documents(1), fakeEmbedder(), { ...OPTIONS, dir })).ok).toBe(true);
    const before = await readManifest(dir);
    if (!before.ok) throw new Error(before.error.message);

    const full = await buildIndex(documents(2), fakeEmbedder(), { ...OPTIONS, dir, full: true });
    if (!full.ok) throw new Error(full.error.message);
    const slowReader = await loadGeneration(dir, before.value, { withVectors: true });
    expect(slowReader.ok, slowReader.ok ? '' : slowReader.error.message).toBe(true);

    await writeFile(path.join(dir, '.texts-x.json.123.abcdef12.tmp'), 'left by a crashed build');
    expect(await pruneGenerations(dir, full.value.manifest)).toEqual(['.texts-x.json.123.abcdef12.tmp']);
    const later = Date.now() + GENERATION_GRACE_MS + 1;
    expect((await pruneGenerations(dir, full.value.manifest, { now: later })).sort()).toEqual(generationFileNames(before.value).sort());
    expect((await readdir(dir)).sort()).toEqual([...generationFileNames(full.value.manifest), 'manifest.json'].sort());
  });

  it('GIVEN a reader slower than the grace period THEN it starts again from the new manifest instead of failing', async () => {
    const dir = path.join(await tempDir(), 'index');
    expect((await buildIndex(documents(1), fakeEmbedder(), { ...OPTIONS, dir })).ok).toBe(true);
    let attempts = 0;
    const loaded = await withCurrentManifest(dir, async (manifest) => {
      attempts += 1;
      if (attempts === 1) {
        // While this reader dawdles, a full rebuild lands and the old generation expires.
        const full = await buildIndex(documents(2), fakeEmbedder(), { ...OPTIONS, dir, full: true });
        if (!full.ok) throw new Error(full.error.message);
        const old = new Date(Date.now() - GENERATION_GRACE_MS - 1);
        for (const name of generationFileNames(manifest)) await utimes(path.join(dir, name), old, old);
        await pruneGenerations(dir, full.value.manifest);
      }
      return loadGeneration(dir, manifest, { withVectors: true });
    });
    expect(attempts).toBe(2);
    expect(loaded.ok && loaded.value.library.document('doc-0')?.text).toContain('version 2');
  });
});
