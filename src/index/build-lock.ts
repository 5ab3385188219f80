import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type CitebotError, citebotError } from '../core/errors.js';
import { cleanUpOnExit } from '../core/exit-cleanup.js';
import { err, ok, type Result } from '../core/result.js';
import { temporaryPathFor } from '../storage/atomic-file.js';
import { writeFailureOf } from '../storage/verified-file.js';

const LOCK_FILE = '.build.lock';
const CLAIM_FILE = /^\.build\.lock\.[0-9a-f]{16}\.claim$/;
/** A lock from another machine or container cannot be checked for life; past this age it is presumed dead. */
const FOREIGN_LOCK_EXPIRY_MS = 2 * 60 * 60 * 1000;

export type ReleaseLock = () => Promise<void>;

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: number;
  /** Tells two locks of the same process apart, so a takeover replaces exactly the lock it judged dead. */
  readonly nonce: string;
}

/**
 * One indexer at a time per index folder (the CLI and the bot's /reindex could
 * otherwise interleave generations). A lock left by a process that no longer
 * exists, such as an indexer killed with SIGKILL, is taken over; the host name
 * tells processes of different containers apart, where pids repeat.
 *
 * Taking over is atomic: of several processes that find the same dead lock, only
 * the one that exclusively creates the claim file named after that lock may
 * replace it, and it does so by a rename after checking the lock is still the
 * dead one. A claim left by a taker that died is itself taken over the same way.
 */
export async function acquireBuildLock(dir: string): Promise<Result<ReleaseLock, CitebotError>> {
  const file = path.join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), since: Date.now(), nonce: randomUUID() };
  const mine = JSON.stringify(me);
  try {
    await mkdir(dir, { recursive: true });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      let acquired = await createExclusive(file, mine);
      if (!acquired) {
        const found = await readLock(file);
        if (found === undefined) continue;
        if (found.owner && isAlive(found.owner, me)) return err(citebotError('INDEX_BUSY', { dir, pid: found.owner.pid }));
        acquired = await takeOver(file, found.raw, mine, me);
      }
      if (acquired) {
        await removeDeadClaims(dir, me);
        return ok(holding(file, me));
      }
    }
    return err(citebotError('INDEX_BUSY', { dir, pid: (await readLock(file))?.owner?.pid ?? 0 }));
  } catch (error) {
    const failure = writeFailureOf(error);
    if (failure?.kind === 'read-only') return err(citebotError('INDEX_READ_ONLY', { dir, reason: failure.reason }));
    if (failure?.kind === 'full') return err(citebotError('INDEX_DISK_FULL', { dir, file: LOCK_FILE }));
    throw error;
  }
}

/** Replaces `file`, which held `stale` (a dead owner's lock or claim), with `mine`; false when another process got there first. */
async function takeOver(file: string, stale: string, mine: string, me: LockOwner): Promise<boolean> {
  const claim = `${file}.${createHash('sha256').update(stale).digest('hex').slice(0, 16)}.claim`;
  if (!(await createExclusive(claim, mine))) {
    const other = await readLock(claim);
    if (other === undefined) return false;
    if (other.owner && isAlive(other.owner, me)) return false;
    if (!(await takeOver(claim, other.raw, mine, me))) return false;
  }
  try {
    const now = await readLock(file);
    if (now?.raw !== stale) return false;
    const temporary = temporaryPathFor(file);
    await writeFile(temporary, mine);
    await rename(temporary, file);
    return true;
  } finally {
    await rm(claim, { force: true });
  }
}

/** Claims left by a taker killed mid-takeover (its lock since replaced): nobody can use them, so the new owner removes them. */
async function removeDeadClaims(dir: string, me: LockOwner): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!CLAIM_FILE.test(name)) continue;
    const claim = await readLock(path.join(dir, name)).catch(() => undefined);
    if (claim && !(claim.owner && isAlive(claim.owner, me))) await rm(path.join(dir, name), { force: true });
  }
}

/**
 * Creates `file` holding `content` unless it exists. Linking a finished temporary
 * file makes the content appear whole: with a plain exclusive create, a racer could
 * read the file empty and judge it garbage.
 */
async function createExclusive(file: string, content: string): Promise<boolean> {
  const temporary = temporaryPathFor(file);
  await writeFile(temporary, content, { flag: 'wx' });
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links (some network and FAT mounts): an exclusive create instead.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    return writeFile(file, content, { flag: 'wx' }).then(
      () => true,
      (fallback: NodeJS.ErrnoException) => (fallback.code === 'EEXIST' ? false : Promise.reject(fallback)),
    );
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Locks this process holds now, by nonce: its own pid in a lock file is otherwise a leftover of an earlier process. */
const HELD = new Set<string>();

/** Records the lock as held; releasing removes it only while it is still ours (a foreign lock can expire and be taken over). */
function holding(file: string, me: LockOwner): ReleaseLock {
  HELD.add(me.nonce);
  const ours = (raw: string | undefined) => raw === JSON.stringify(me);
  const releaseOnExit = cleanUpOnExit(() => {
    if (ours(readFileSync(file, 'utf8'))) rmSync(file, { force: true });
  });
  return async () => {
    releaseOnExit();
    HELD.delete(me.nonce);
    if (ours((await readLock(file).catch(() => undefined))?.raw)) await rm(file, { force: true });
  };
}

/** The lock's raw text and its owner (undefined when garbage); undefined when there is no lock any more. */
async function readLock(file: string): Promise<{ raw: string; owner: LockOwner | undefined } | undefined> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const owner = JSON.parse(raw) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.since === 'number') {
      return { raw, owner: owner as LockOwner };
    }
  } catch {
    // Unreadable or half-written: treated as stale, like a lock without an owner.
  }
  return { raw, owner: undefined };
}

function isAlive(owner: LockOwner, me: LockOwner): boolean {
  if (owner.host !== me.host) return Date.now() - owner.since < FOREIGN_LOCK_EXPIRY_MS;
  // Our own pid on our own host is a leftover of an earlier process (a restarted container is pid 1 again)
  // unless it is a lock this very process holds right now.
  if (owner.pid === me.pid) return typeof owner.nonce === 'string' && HELD.has(owner.nonce);
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
