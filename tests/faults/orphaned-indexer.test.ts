import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyEssays } from '../support/corpus-copy.js';
import { growCorpus } from '../support/grow-corpus.js';
import { REPO_ROOT, TEST_MODEL_DIR } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('an indexer whose npm parent is killed', () => {
  it('GIVEN `npm run index -- --full` WHEN npm is killed with SIGKILL mid-build THEN the indexer stops within seconds, leaving no lock or unfinished files', async () => {
    const root = await tempDir();
    const corpusDir = await copyEssays(root);
    await growCorpus(corpusDir, 60);
    const env = { CORPUS_DIR: corpusDir, INDEX_DIR: path.join(root, 'index'), LOG_LEVEL: 'warn', EMBEDDING_MODEL: TEST_MODEL_DIR };
    expect((await runCli(['index'], env)).code).toBe(0);
    const manifest = await readFile(path.join(env.INDEX_DIR, 'manifest.json'), 'utf8');
    const before = await readdir(env.INDEX_DIR);

    const npm = spawn('npm', ['run', '--silent', 'index', '--', '--full'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: 'ignore',
    });
    const npmExited = new Promise((resolve) => npm.on('exit', resolve));
    // The indexer writes its pid into the build lock once it starts building.
    const lock = path.join(env.INDEX_DIR, '.build.lock');
    const indexer = await until(() => readFile(lock, 'utf8').then((raw) => (JSON.parse(raw) as { pid: number }).pid, () => undefined), 30_000);
    expect(indexer).toBeDefined();
    npm.kill('SIGKILL');
    await npmExited;

    const stoppedAfter = Date.now();
    expect(await until(() => (alive(indexer!) ? undefined : true), 5_000)).toBe(true);
    console.info(`orphaned indexer stopped ${Date.now() - stoppedAfter} ms after npm was killed`);
    // Stopped, not finished: the generation from before is still current, and nothing else is left.
    expect(await readFile(path.join(env.INDEX_DIR, 'manifest.json'), 'utf8')).toBe(manifest);
    expect((await readdir(env.INDEX_DIR)).sort()).toEqual(before.sort());
    const verified = await runCli(['verify'], env);
    expect(verified.code, verified.stderr).toBe(0);
  }, 120_000);
});
