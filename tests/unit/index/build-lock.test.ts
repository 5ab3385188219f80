import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireBuildLock } from '../../../src/index/build-lock.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs();
const lockFile = (dir: string) => path.join(dir, '.build.lock');

describe('build lock', () => {
  it('GIVEN a held lock THEN a second build is refused until it is released', async () => {
    const dir = await tempDir();
    const first = await acquireBuildLock(dir);
    expect(first.ok).toBe(true);
    const second = await acquireBuildLock(dir);
    expect(!second.ok && second.error.code).toBe('INDEX_BUSY');
    if (first.ok) await first.value();
    const third = await acquireBuildLock(dir);
    expect(third.ok).toBe(true);
    if (third.ok) await third.value();
  });

  it('GIVEN a lock of another live process THEN it is respected, and releasing ours never removes it', async () => {
    const dir = await tempDir();
    const first = await acquireBuildLock(dir);
    // A live process on this host (the test runner's parent) has since taken the folder over.
    await writeFile(lockFile(dir), JSON.stringify({ pid: process.ppid, host: os.hostname(), since: Date.now() }));
    expect((await acquireBuildLock(dir)).ok).toBe(false);
    if (first.ok) await first.value();
    expect(JSON.parse(await readFile(lockFile(dir), 'utf8')).pid).toBe(process.ppid);
  });

  it('GIVEN a lock left by a dead process, or garbage THEN it is taken over', async () => {
    const dir = await tempDir();
    await writeFile(lockFile(dir), JSON.stringify({ pid: 2 ** 22 + 17, host: os.hostname(), since: Date.now() }));
    expect((await acquireBuildLock(dir)).ok).toBe(true);
    await writeFile(lockFile(dir), '{"pid":');
    expect((await acquireBuildLock(dir)).ok).toBe(true);
    expect(JSON.parse(await readFile(lockFile(dir), 'utf8')).pid).toBe(process.pid);
  });

  it('GIVEN a lock from another host THEN it is respected for two hours, then presumed dead', async () => {
    const dir = await tempDir();
    await writeFile(lockFile(dir), JSON.stringify({ pid: 1, host: 'another-container', since: Date.now() - 60_000 }));
    expect((await acquireBuildLock(dir)).ok).toBe(false);
    await writeFile(lockFile(dir), JSON.stringify({ pid: 1, host: 'another-container', since: Date.now() - 3 * 60 * 60 * 1000 }));
    expect((await acquireBuildLock(dir)).ok).toBe(true);
  });

  it('GIVEN a claim left by a taker killed mid-takeover THEN the lock is still taken over, and the dead claim removed', async () => {
    const dir = await tempDir();
    const dead = JSON.stringify({ pid: 2 ** 22 + 17, host: os.hostname(), since: Date.now(), nonce: 'a' });
    await writeFile(lockFile(dir), dead);
    // The killed taker had claimed an earlier dead lock, replaced it with its own, and died before removing the claim.
    await writeFile(path.join(dir, '.build.lock.0123456789abcdef.claim'), dead);
    const lock = await acquireBuildLock(dir);
    expect(lock.ok).toBe(true);
    expect(await readdir(dir)).toEqual(['.build.lock']);
    if (lock.ok) await lock.value();
    expect(await readdir(dir)).toEqual([]);
  });
});
