import { within } from '../core/within.js';

/**
 * Work the bot has accepted and not finished. On shutdown it stops taking new
 * work and waits for this to drain, so no member is left without an answer.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private closing = false;

  get draining(): boolean {
    return this.closing;
  }

  get size(): number {
    return this.running.size;
  }

  track(work: Promise<unknown>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => undefined);
  }

  /** Stops new work and waits up to `timeoutMs` for the rest; returns how many were still running. */
  async drain(timeoutMs: number): Promise<number> {
    this.closing = true;
    await within(Promise.allSettled([...this.running]), timeoutMs);
    return this.running.size;
  }
}
