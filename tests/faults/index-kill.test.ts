import { appendFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashText } from '../../src/corpus/ingest.js';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { GENERATION_GRACE_MS, generationFileNames, loadIndex, pruneGenerations } from '../../src/index/index-files.js';
import { findMismatches } from '../../src/index/verify.js';
import { mulberry32 } from '../tools/seeded-random.js';
import { copyEssays } from '../support/corpus-copy.js';
import { growCorpus } from '../support/grow-corpus.js';
import { runCli, startEntryPoint } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const KILLS = 20;
const COPIES = 8;
/** Mismatches that only say the corpus moved on since the last complete build: expected after a kill. */
const STALE = /changed since it was indexed|is not indexed/;

/**
 * When to kill: at a random time (mode 0), as soon as the build starts writing its data files (1: between data
 * files and manifest, the most dangerous moment), or as soon as the new manifest is in place (2: while the old
 * generation is being cleaned up). Random times alone rarely hit the short write phase.
 */
async function killMoment(mode: number, indexDir: string, before: ReadonlySet<string>, randomMs: number): Promise<void> {
  const deadline = Date.now() + (mode === 0 ? randomMs : 60_000);
  const manifestBefore = await readFile(path.join(indexDir, 'manifest.json'), 'utf8');
  while (Date.now() < deadline) {
    if (mode === 1 && (await readdir(indexDir)).some((name) => !before.has(name) && name !== '.build.lock')) return;
    if (mode === 2 && (await readFile(path.join(indexDir, 'manifest.json'), 'utf8')) !== manifestBefore) return;
    await new Promise((resolve) => setTimeout(resolve, mode === 0 ? Math.max(0, deadline - Date.now()) : 2));
  }
}

describe('killing the indexer', () => {
  it(`GIVEN \`npm run index\` killed with SIGKILL at ${KILLS} random moments THEN the index is always a complete generation, old or new`, async () => {
    const root = await tempDir();
    const corpusDir = await copyEssays(root);
    await growCorpus(corpusDir, COPIES);
    const env = { CORPUS_DIR: corpusDir, INDEX_DIR: path.join(root, 'index'), LOG_LEVEL: 'error' };
    expect((await runCli(['index'], env)).code).toBe(0);
    // Kill moments spread over a whole full build, start-up included, so kills land before, during and after the commit.
    const started = Date.now();
    expect((await runCli(['index', '--full'], env)).code).toBe(0);
    const buildMs = Date.now() - started;

    // Every version each document has had, by content hash: the index may hold any of them, never a mixture.
    const versions = new Map<string, Set<string>>();
    const remember = async () => {
      const corpus = await readCorpus(corpusDir, { maxDocumentBytes: 1_000_000 });
      if (!corpus.ok) throw new Error(corpus.error.message);
      for (const document of corpus.value.documents) versions.set(document.id, (versions.get(document.id) ?? new Set()).add(document.hash));
      return corpus.value.documents;
    };
    await remember();
    const random = mulberry32(20261122);
    const generations = new Set<string>();

    for (let kill = 0; kill < KILLS; kill += 1) {
      await appendFile(path.join(corpusDir, `copy-${kill % COPIES}.md`), `\nRevision ${kill} of this copy, about sanctions and talks.\n`);
      const documents = await remember();
      const before = new Set(await readdir(env.INDEX_DIR));
      const indexer = startEntryPoint('src/cli/main.ts', env, ['index', '--full']);
      await killMoment(kill % 3, env.INDEX_DIR, before, 100 + random() * buildMs * 1.1);
      indexer.child.kill('SIGKILL');
      await indexer.exited();

      const loaded = await loadIndex(env.INDEX_DIR, { withVectors: true });
      expect(loaded.ok, loaded.ok ? '' : loaded.error.message).toBe(true);
      if (!loaded.ok) return;
      generations.add(loaded.value.manifest.buildId);
      for (const document of loaded.value.manifest.documents) expect(versions.get(document.id)?.has(document.hash)).toBe(true);
      for (const document of loaded.value.library.documents) expect(hashText(document.text)).toBe(document.hash);
      const problems = findMismatches(documents, loaded.value).filter((problem) => !STALE.test(problem));
      expect(problems).toEqual([]);
    }

    const finished = await runCli(['index'], env);
    expect(finished.code, finished.stderr).toBe(0);
    const verified = await runCli(['verify'], env);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(new RegExp(`^OK: ${COPIES + 2} documents`));
    // Crashed builds' temporary files are cleaned up by the next complete build; old generations once their grace period is over.
    const files = await readdir(env.INDEX_DIR);
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const current = await loadIndex(env.INDEX_DIR, { withVectors: false });
    if (!current.ok) throw new Error(current.error.message);
    await pruneGenerations(env.INDEX_DIR, current.value.manifest, { now: Date.now() + GENERATION_GRACE_MS });
    expect((await readdir(env.INDEX_DIR)).sort()).toEqual([...generationFileNames(current.value.manifest), 'manifest.json'].sort());
    console.info(`index kills: ${KILLS} over a ${buildMs} ms build; distinct generations found after them: ${generations.size}`);
    expect(generations.size).toBeGreaterThan(1);
  }, 180_000);
});
