/**
 * Per-member question rate limit. Pure: the caller supplies the clock, so tests
 * need no timers. Expired entries are dropped as the map grows, so memory stays
 * bounded by the members currently cooling down.
 */
export class Cooldowns {
  private readonly readyAt = new Map<string, number>();

  /** Milliseconds the member must still wait, or 0 when they may ask now (which starts a new cooldown). */
  take(key: string, cooldownMs: number, now: number): number {
    if (cooldownMs <= 0) return 0;
    const ready = this.readyAt.get(key) ?? 0;
    if (ready > now) return ready - now;
    this.readyAt.set(key, now + cooldownMs);
    if (this.readyAt.size > 10_000) {
      for (const [other, at] of this.readyAt) if (at <= now) this.readyAt.delete(other);
    }
    return 0;
  }
}
