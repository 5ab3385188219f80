import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyEssays } from '../support/corpus-copy.js';
import { type RunningProcess, runCli, startEntryPoint } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('npm run index -- --watch', () => {
  let watcher: RunningProcess | undefined;
  afterEach(async () => {
    watcher?.child.kill('SIGKILL');
    watcher = undefined;
  });

  /** Waits for the next build summary after `from` characters of output, and returns it with how long it took. */
  async function nextBuild(process: RunningProcess, from: number, pattern: RegExp): Promise<number> {
    const started = Date.now();
    await process.waitForOutput(new RegExp(`[\\s\\S]{${from}}[\\s\\S]*${pattern.source}`), 30_000);
    return Date.now() - started;
  }

  it('GIVEN a running watch WHEN a file is added, changed, broken and removed THEN the index follows each within seconds', async () => {
    const root = await tempDir();
    const env = { CORPUS_DIR: await copyEssays(root), INDEX_DIR: path.join(root, 'index'), LOG_LEVEL: 'warn' };
    const running = startEntryPoint('src/cli/main.ts', env, ['index', '--watch', '--debounce', '200']);
    watcher = running;
    await running.waitForOutput(/Watching .* for changes/, 60_000);
    const file = path.join(env.CORPUS_DIR, 'sanctions-note.md');

    let mark = running.output().length;
    await writeFile(file, '# Sanctions note\n\nThe zebra committee discussed sanctions relief at length.\n');
    expect(await nextBuild(running, mark, /1 added, 0 updated, 0 removed, 2 unchanged/)).toBeLessThan(10_000);
    const sources = JSON.parse((await runCli(['sources', '--json'], env)).stdout) as { documents: { id: string }[] };
    expect(sources.documents.map((document) => document.id)).toContain('sanctions-note');

    mark = running.output().length;
    await writeFile(file, '# Sanctions note\n\nThe zebra committee postponed the vote on sanctions relief.\n');
    expect(await nextBuild(running, mark, /0 added, 1 updated, 0 removed, 2 unchanged/)).toBeLessThan(10_000);
    const passage = await runCli(['passage', 'sanctions-note#p1'], env);
    expect(passage.stdout).toContain('postponed the vote');

    mark = running.output().length;
    await writeFile(path.join(env.CORPUS_DIR, 'scan.pdf'), 'this is not a PDF');
    expect(await nextBuild(running, mark, /Skipped: scan\.pdf is not a readable PDF file/)).toBeLessThan(10_000);

    mark = running.output().length;
    await rm(file);
    expect(await nextBuild(running, mark, /0 added, 0 updated, 1 removed, 2 unchanged/)).toBeLessThan(10_000);

    running.child.kill('SIGTERM');
    expect(await running.exited()).toBe(0);
  }, 150_000);
});
