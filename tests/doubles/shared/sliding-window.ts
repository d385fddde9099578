import type { Clock } from './clock';

/** At most `max` accepted operations in any window of `windowMs` milliseconds. */
export interface WindowLimit {
  windowMs: number;
  max: number;
}

export type LimitDecision =
  | { allowed: true }
  | { allowed: false; retryAfterMs: number; limit: WindowLimit };

/**
 * Sliding-log limiter: remembers the time of every accepted operation per key and refuses one
 * that would make any window exceed its maximum. Refused operations are not counted.
 */
export class SlidingWindowLimiter {
  private readonly log = new Map<string, number[]>();
  private readonly longestWindowMs: number;

  constructor(
    private readonly limits: readonly WindowLimit[],
    private readonly clock: Clock,
  ) {
    this.longestWindowMs = Math.max(0, ...limits.map((limit) => limit.windowMs));
  }

  /** Checks every window without recording anything. */
  check(key: string): LimitDecision {
    const now = this.clock.now();
    const times = this.prune(key, now);
    let worst: LimitDecision = { allowed: true };
    for (const limit of this.limits) {
      const inWindow = times.filter((time) => time > now - limit.windowMs);
      if (inWindow.length >= limit.max) {
        // The window frees a slot when its (count - max + 1)th oldest entry leaves it.
        const freeingEntry = inWindow[inWindow.length - limit.max] ?? now;
        const retryAfterMs = Math.max(1, freeingEntry + limit.windowMs - now);
        if (worst.allowed || retryAfterMs > worst.retryAfterMs) worst = { allowed: false, retryAfterMs, limit };
      }
    }
    return worst;
  }

  record(key: string): void {
    const times = this.log.get(key) ?? [];
    times.push(this.clock.now());
    this.log.set(key, times);
  }

  /** Checks and, when allowed, records in one step. */
  tryAcquire(key: string): LimitDecision {
    const decision = this.check(key);
    if (decision.allowed) this.record(key);
    return decision;
  }

  count(key: string, windowMs: number): number {
    const now = this.clock.now();
    return (this.log.get(key) ?? []).filter((time) => time > now - windowMs).length;
  }

  reset(): void {
    this.log.clear();
  }

  private prune(key: string, now: number): number[] {
    const times = (this.log.get(key) ?? []).filter((time) => time > now - this.longestWindowMs);
    this.log.set(key, times);
    return times;
  }
}
