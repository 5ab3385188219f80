import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, expect } from 'vitest';

/**
 * A fresh folder per call. A folder made inside a test is removed after that
 * test; one made in a `beforeAll` hook lives until the file's tests are done.
 */
export function useTempDirs(): () => Promise<string> {
  const perTest: string[] = [];
  const perFile: string[] = [];
  const removeAll = (dirs: string[]) => Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  afterEach(() => removeAll(perTest));
  afterAll(() => removeAll(perFile));
  return async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'citebot-test-'));
    (expect.getState().currentTestName === undefined ? perFile : perTest).push(dir);
    return dir;
  };
}
