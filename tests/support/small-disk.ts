import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths.js';

const run = promisify(execFile);

/**
 * A real small or read-only file system for fault tests: a tmpfs, which needs root
 * and permission to mount (as on the CI machine). Elsewhere tests inject the same
 * failures into Node's file functions (`faultInjection`) rather than skip.
 * CITEBOT_TEST_NO_MOUNT=1 forces the injected path, to check it still works.
 */
let mountable: Promise<boolean> | undefined;

export function canMountTmpfs(): Promise<boolean> {
  mountable ??= (async () => {
    if (process.env.CITEBOT_TEST_NO_MOUNT === '1' || process.platform !== 'linux' || process.getuid?.() !== 0) return false;
    const probe = await mkdtemp(path.join(os.tmpdir(), 'citebot-mount-probe-'));
    try {
      await run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]);
      await run('umount', [probe]);
      return true;
    } catch {
      return false;
    } finally {
      await rm(probe, { recursive: true, force: true });
    }
  })();
  return mountable;
}

/** Mounts a tmpfs of `bytes` at `dir` (created if needed); the returned function unmounts it. */
export async function mountTmpfs(dir: string, bytes: number): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  await run('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir]);
  return async () => {
    await run('umount', [dir]).catch(() => run('umount', ['-l', dir]));
  };
}

export async function remountTmpfs(dir: string, options: string): Promise<void> {
  await run('mount', ['-o', `remount,${options}`, dir]);
}

/** Environment for a citebot child process in which Node's file functions fail under `dir` (see fs-faults.mjs). */
export function faultInjection(dir: string, fault: 'read-only' | { full: number }): Record<string, string> {
  return {
    NODE_OPTIONS: `--import=${path.join(REPO_ROOT, 'tests/support/fs-faults.mjs')}`,
    CITEBOT_FAULT_DIR: dir,
    CITEBOT_FAULT: fault === 'read-only' ? fault : `full:${fault.full}`,
  };
}
