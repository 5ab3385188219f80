/** How often waiters re-check even without a notification, for probes that read state outside the fake (e.g. the client's). */
const POLL_INTERVAL_MS = 25;

/**
 * Lets tests await a condition instead of sleeping. State changes call `notify()`; waiters re-check on the next
 * macrotask, so a REST request is fully answered and logged (status included) before a waiting test resumes.
 * Waiters time out with a message that says what never happened.
 */
export class StateChanges {
  private readonly waiters = new Set<() => void>();
  private recheckScheduled = false;

  notify(): void {
    if (this.recheckScheduled) return;
    this.recheckScheduled = true;
    setImmediate(() => {
      this.recheckScheduled = false;
      for (const recheck of [...this.waiters]) recheck();
    });
  }

  waitFor<T>(probe: () => T | undefined, timeoutMs: number, description: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = (): void => {
        this.waiters.delete(recheck);
        clearInterval(poll);
        clearTimeout(timer);
      };
      const recheck = (): void => {
        try {
          const value = probe();
          if (value === undefined) return;
          finish();
          resolve(value);
        } catch (error) {
          finish();
          reject(error as Error);
        }
      };
      const poll = setInterval(recheck, POLL_INTERVAL_MS);
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${description}`));
      }, timeoutMs);
      this.waiters.add(recheck);
      recheck();
    });
  }
}
