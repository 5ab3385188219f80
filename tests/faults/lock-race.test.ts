import { type ChildProcess, fork } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const TRIALS = 30;
const CONTENDERS = 3;
let contenders: ChildProcess[] = [];

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve) => child.once('message', (message) => resolve(message as T)));
}

beforeAll(async () => {
  contenders = Array.from({ length: CONTENDERS }, () =>
    fork(path.join(REPO_ROOT, 'tests/support/lock-contender.ts'), { execArgv: ['--import', 'tsx'], cwd: REPO_ROOT }),
  );
  await Promise.all(contenders.map((child) => nextMessage(child)));
}, 30_000);

afterAll(() => {
  for (const child of contenders) child.kill();
});

describe('taking over a stale build lock', () => {
  it(`GIVEN a lock left by a dead indexer and ${CONTENDERS} processes racing for it, ${TRIALS} times THEN exactly one wins each time`, async () => {
    const root = await tempDir();
    const winners: number[] = [];
    const refusals: (string | null)[] = [];
    const owners: boolean[] = [];
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const dir = path.join(root, `index-${trial}`);
      await mkdir(dir);
      // Trials alternate between a dead owner and a garbage lock (half-written by a killed process).
      const stale = trial % 2 === 0 ? JSON.stringify({ pid: 2 ** 22 + 17, host: os.hostname(), since: Date.now() }) : '{"pid":';
      await writeFile(path.join(dir, '.build.lock'), stale);
      const results = await Promise.all(
        contenders.map((child) => {
          const reply = nextMessage<{ won: boolean; code: string | null }>(child);
          child.send({ dir });
          return reply;
        }),
      );
      winners.push(results.filter((result) => result.won).length);
      refusals.push(...results.flatMap((result) => (result.won ? [] : [result.code])));
      // The lock on disk must name a winner: a racer deleting the winner's lock is a double win in waiting.
      const owner = await readFile(path.join(dir, '.build.lock'), 'utf8').then((raw) => (JSON.parse(raw) as { pid: number }).pid, () => null);
      owners.push(contenders.some((child) => child.pid === owner));
      await Promise.all(
        contenders.map((child) => {
          const reply = nextMessage(child);
          child.send({ release: true });
          return reply;
        }),
      );
      expect(await readdir(dir)).toEqual([]);
    }
    console.info(`stale lock races: ${winners.filter((count) => count === 1).length}/${TRIALS} trials with exactly one winner`);
    expect(winners).toEqual(Array(TRIALS).fill(1));
    expect(owners).toEqual(Array(TRIALS).fill(true));
    expect(refusals).toEqual(Array(TRIALS * (CONTENDERS - 1)).fill('INDEX_BUSY'));
  }, 60_000);
});
