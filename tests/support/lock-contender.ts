import { acquireBuildLock, type ReleaseLock } from '../../src/index/build-lock.js';

/**
 * A separate process that races for the build lock (tests/faults/lock-race.test.ts):
 * on `{ dir }` it tries once and reports whether it won, and holds a won lock until told to release it,
 * so that a winner cannot release before its rival has tried.
 */
let release: ReleaseLock | undefined;
process.on('message', async (message: { dir?: string; release?: boolean }) => {
  if (message.release) {
    await release?.();
    release = undefined;
    process.send?.({ released: true });
    return;
  }
  const lock = await acquireBuildLock(message.dir!);
  if (lock.ok) release = lock.value;
  process.send?.({ won: lock.ok, code: lock.ok ? null : lock.error.code });
});
process.send?.({ ready: true });
