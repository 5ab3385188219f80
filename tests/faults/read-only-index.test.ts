import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ESSAYS_DIR } from '../support/paths.js';
import { runCli, startEntryPoint } from '../support/run-cli.js';
import { canMountTmpfs, faultInjection, mountTmpfs, remountTmpfs } from '../support/small-disk.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const unmounts: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const unmount of unmounts.splice(0)) await unmount();
});

/**
 * An index built, then made read-only: a tmpfs remounted `ro` where the machine
 * allows mounting (CI does), otherwise Node's file functions failing with EROFS.
 */
async function readOnlyIndex(): Promise<{ env: Record<string, string>; how: string }> {
  const root = await tempDir();
  const indexDir = path.join(root, 'index');
  const env = { CORPUS_DIR: ESSAYS_DIR, INDEX_DIR: indexDir, LOG_LEVEL: 'warn' };
  const mount = await canMountTmpfs();
  if (mount) unmounts.push(await mountTmpfs(indexDir, 16 * 1024 * 1024));
  else await mkdir(indexDir);
  const built = await runCli(['index'], env);
  expect(built.code, built.stderr).toBe(0);
  if (mount) {
    await remountTmpfs(indexDir, 'ro');
    return { env, how: 'tmpfs mounted read-only' };
  }
  return { env: { ...env, ...faultInjection(indexDir, 'read-only') }, how: 'EROFS injected into Node file calls' };
}

const oneLine = (text: string) => text.trim().split('\n');

describe('a read-only INDEX_DIR', () => {
  it('GIVEN the index on a read-only file system THEN `ask` and `verify` work and `index` refuses in one line', async () => {
    const { env, how } = await readOnlyIndex();
    console.info(`read-only index: ${how}`);
    const asked = await runCli(['ask', '--json', 'Who is Keith Kellogg?'], env);
    expect(asked.code, asked.stderr).toBe(0);
    expect(JSON.parse(asked.stdout).answered).toBe(true);
    const verified = await runCli(['verify'], env);
    expect(verified.code, verified.stderr).toBe(0);
    const indexed = await runCli(['index'], env);
    expect(indexed.code).toBe(1);
    expect(oneLine(indexed.stderr)).toEqual([
      expect.stringMatching(/^citebot: .*index cannot be written \(read-only file system\); the index there was not changed\. To fix: make INDEX_DIR writable/),
    ]);
  }, 60_000);

  it('GIVEN the index on a read-only file system THEN the bot starts and answers from it, saying why it did not update it', async () => {
    const { env } = await readOnlyIndex();
    const app = startEntryPoint('src/main.ts', { ...env, LOG_LEVEL: 'info' });
    await app.waitForOutput(/Ask about the essays/);
    app.child.stdin?.end('Who is Kirill Dmitriev?\n');
    expect(await app.exited()).toBe(0);
    expect(app.output()).toMatch(/> .*Kirill Dmitriev, CEO of the Russian Direct Investment Fund/);
    expect(app.output()).toMatch(/read-only file system/);
    expect(app.output()).not.toMatch(/\n\s+at /);
  }, 60_000);
});
