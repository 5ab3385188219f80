import { createHash } from 'node:crypto';
import { readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type Hnswlib from 'hnswlib-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { buildIndex } from '../../src/index/build-index.js';
import { loadIndex } from '../../src/index/index-files.js';
import { buildFrom } from '../support/build-helpers.js';
import { copyEssays } from '../support/corpus-copy.js';
import { growCorpus } from '../support/grow-corpus.js';
import { runCli } from '../support/run-cli.js';
import { canMountTmpfs, faultInjection, mountTmpfs, remountTmpfs } from '../support/small-disk.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';

const shortWrite = vi.hoisted(() => ({ on: false }));

// hnswlib-node's writeIndex resolves even when the disk filled up half-way (writeIndex('/dev/full') resolves):
// this one writes the file, then loses its second half, as a full disk does, and reports success all the same.
vi.mock('hnswlib-node', async (importOriginal) => {
  const actual = await importOriginal<{ default: typeof Hnswlib }>();
  class HierarchicalNSW extends actual.default.HierarchicalNSW {
    override async writeIndex(file: string): Promise<boolean> {
      const written = await super.writeIndex(file);
      if (shortWrite.on) await truncate(file, Math.floor((await stat(file)).size / 2));
      return written;
    }
  }
  return { ...actual, default: { ...actual.default, HierarchicalNSW } };
});

const tempDir = useTempDirs();
const unmounts: (() => Promise<void>)[] = [];
afterEach(async () => {
  shortWrite.on = false;
  for (const unmount of unmounts.splice(0)) await unmount();
});

const PAGE = 4096;
const pages = (bytes: number) => Math.ceil(bytes / PAGE) * PAGE;

async function sizes(dir: string): Promise<Record<string, number>> {
  const names = await readdir(dir);
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name.split('-')[0]!, (await stat(path.join(dir, name))).size])));
}

describe('a full disk', () => {
  it('GIVEN hnswlib writing a short vector file without an error THEN the build fails naming it, leaves nothing behind, and the previous index still loads', async () => {
    const root = await tempDir();
    const corpusDir = await copyEssays(root);
    const indexDir = path.join(root, 'index');
    const first = await buildFrom(corpusDir, indexDir, await testEmbedder());
    const before = (await readdir(indexDir)).sort();

    await growCorpus(corpusDir, 2);
    const corpus = await readCorpus(corpusDir, { maxDocumentBytes: 1_000_000 });
    if (!corpus.ok) throw new Error(corpus.error.message);
    shortWrite.on = true;
    const options = { dir: indexDir, full: false, chunkMaxTokens: 256, hnsw: { m: 16, efConstruction: 200, efSearch: 50 }, checkpointMs: 60_000 };
    const built = await buildIndex(corpus.value.documents, await testEmbedder(), options);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.error.code).toBe('INDEX_WRITE_FAILED');
    expect(built.error.message).toMatch(/^vectors-\S+\.hnsw in .* was not written correctly \(\d+ bytes on disk, cut short\); the index was not changed$/);
    expect((await readdir(indexDir)).sort()).toEqual(before);
    const loaded = await loadIndex(indexDir, { withVectors: true });
    expect(loaded.ok && loaded.value.manifest.buildId).toBe(first.manifest.buildId);
  });

  it('GIVEN a manifest naming a short vector file by its own checksum (what the old writer committed on a full disk) THEN loading is a typed error, not a throw', async () => {
    const root = await tempDir();
    const indexDir = path.join(root, 'index');
    const built = await buildFrom(await copyEssays(root), indexDir, await testEmbedder());
    const vectors = built.manifest.files.vectors!;
    const file = path.join(indexDir, vectors.name);
    await truncate(file, Math.floor(vectors.bytes / 2));
    const bytes = await readFile(file);
    const short = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    const manifest = { ...built.manifest, files: { ...built.manifest.files, vectors: { ...vectors, ...short } } };
    await writeFile(path.join(indexDir, 'manifest.json'), JSON.stringify(manifest));
    const loaded = await loadIndex(indexDir, { withVectors: true });
    expect(!loaded.ok && loaded.error.code).toBe('INDEX_CORRUPT');
    expect(!loaded.ok && loaded.error.message).toMatch(new RegExp(`${vectors.name}: .*Index seems to be corrupted`));
  });

  it('GIVEN INDEX_DIR on a disk that fills up during `index` THEN it exits in one line, removes what it wrote, the previous index answers, and `index` succeeds once there is room', async () => {
    const root = await tempDir();
    const essays = await copyEssays(path.join(root, 'a'));
    const grown = await copyEssays(path.join(root, 'b'));
    await growCorpus(grown, 3);
    const env = { CORPUS_DIR: essays, INDEX_DIR: path.join(root, 'index'), LOG_LEVEL: 'warn' };

    // The sizes of both generations, measured on an ordinary disk first.
    const rehearse = async (corpus: string, dir: string) => {
      expect((await runCli(['index'], { ...env, CORPUS_DIR: corpus, INDEX_DIR: dir })).code).toBe(0);
      return sizes(dir);
    };
    const old = await rehearse(essays, path.join(root, 'rehearsal-old'));
    const next = await rehearse(grown, path.join(root, 'rehearsal-new'));

    const mount = await canMountTmpfs();
    if (mount) {
      // Room for the old generation (every file of it), the lock, and the new texts and keyword files, but only half the
      // new vectors, which are written next.
      const oldFiles = Object.values(old).reduce((sum, bytes) => sum + pages(bytes), 0);
      unmounts.push(await mountTmpfs(env.INDEX_DIR, oldFiles + PAGE + pages(next.texts!) + pages(next.keyword!) + pages(next.vectors! / 2)));
    }
    expect((await runCli(['index'], env)).code).toBe(0);
    const before = (await readdir(env.INDEX_DIR)).sort();
    // Without a mount, the indexing process may write the new texts file and half the keyword file, then gets ENOSPC.
    const grownEnv = { ...env, CORPUS_DIR: grown };
    const failingEnv = mount ? grownEnv : { ...grownEnv, ...faultInjection(env.INDEX_DIR, { full: next.texts! + Math.floor(next.keyword! / 2) }) };

    const failed = await runCli(['index'], failingEnv);
    console.info(`full disk (${mount ? 'tmpfs' : 'injected ENOSPC'}): ${failed.stderr.trim()}`);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^citebot: no space left on the disk holding .*index \(writing (vectors|keyword)-\S+\); the index was not changed\. To fix: free space on that disk/),
    ]);
    expect((await readdir(env.INDEX_DIR)).sort()).toEqual(before);

    const asked = await runCli(['ask', '--json', 'Who is Keith Kellogg?'], env);
    expect(asked.code, asked.stderr).toBe(0);
    expect(JSON.parse(asked.stdout).answered).toBe(true);
    const verified = await runCli(['verify'], grownEnv);
    expect(verified.code).toBe(1);
    expect(verified.stderr.trim().split('\n').at(-1)).toBe('citebot: 3 mismatches. To fix: run `npm run index`.');

    if (mount) await remountTmpfs(env.INDEX_DIR, 'size=64m');
    const retried = await runCli(['index'], grownEnv);
    expect(retried.code, retried.stderr).toBe(0);
    expect((await runCli(['verify'], grownEnv)).code).toBe(0);
  }, 180_000);
});
