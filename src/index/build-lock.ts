import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';

const LOCK_FILE = '.build.lock';

export type ReleaseLock = () => Promise<void>;

/**
 * One indexer at a time per index folder (the CLI and the bot's /reindex could
 * otherwise interleave generations). A lock left by a process that no longer
 * exists, such as an indexer killed with SIGKILL, is taken over.
 */
export async function acquireBuildLock(dir: string): Promise<Result<ReleaseLock, CitebotError>> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return ok(() => rm(file, { force: true }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      return err(citebotError('INDEX_BUSY', { dir, pid: holder }));
    }
    await rm(file, { force: true });
  }
  return err(citebotError('INDEX_BUSY', { dir, pid: 0 }));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
