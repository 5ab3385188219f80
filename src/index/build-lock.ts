import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';

const LOCK_FILE = '.build.lock';
/** A lock from another machine or container cannot be checked for life; past this age it is presumed dead. */
const FOREIGN_LOCK_EXPIRY_MS = 2 * 60 * 60 * 1000;

export type ReleaseLock = () => Promise<void>;

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: number;
}

/**
 * One indexer at a time per index folder (the CLI and the bot's /reindex could
 * otherwise interleave generations). A lock left by a process that no longer
 * exists, such as an indexer killed with SIGKILL, is taken over; the host name
 * tells processes of different containers apart, where pids repeat.
 */
export async function acquireBuildLock(dir: string): Promise<Result<ReleaseLock, CitebotError>> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), since: Date.now() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(file, JSON.stringify(me), { flag: 'wx' });
      return ok(() => rm(file, { force: true }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    if (owner && isAlive(owner, me)) return err(citebotError('INDEX_BUSY', { dir, pid: owner.pid }));
    await rm(file, { force: true });
  }
  return err(citebotError('INDEX_BUSY', { dir, pid: 0 }));
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.since === 'number') return owner as LockOwner;
  } catch {
    // Unreadable or half-written: treated as stale, like a lock without an owner.
  }
  return undefined;
}

function isAlive(owner: LockOwner, me: LockOwner): boolean {
  if (owner.host !== me.host) return Date.now() - owner.since < FOREIGN_LOCK_EXPIRY_MS;
  // Our own pid on our own host is a leftover of an earlier process (a restarted container is pid 1 again).
  if (owner.pid === me.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
