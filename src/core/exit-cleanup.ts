const cleanups = new Set<() => void>();

/**
 * Runs `cleanup` if the process exits (a signal handled with process.exit, an
 * orphaned CLI stopping) before the returned function is called. Cleanups must be
 * synchronous: nothing asynchronous runs once the process is exiting. A build uses
 * this to remove its lock and unfinished files instead of leaving them to the next.
 */
export function cleanUpOnExit(cleanup: () => void): () => void {
  if (!process.listeners('exit').includes(runCleanups)) process.on('exit', runCleanups);
  cleanups.add(cleanup);
  return () => void cleanups.delete(cleanup);
}

function runCleanups(): void {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Exiting anyway: whatever is left, the next build removes.
    }
  }
  cleanups.clear();
}
