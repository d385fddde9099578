import type { Clock } from '../shared/clock';
import { SlidingWindowLimiter } from '../shared/sliding-window';

export type MailboxAdmission = { allowed: true; leave: () => void } | { allowed: false; code: 'ApplicationThrottled'; message: string; retryAfterSeconds: number };

/**
 * Outlook service limits per app and mailbox (Graph "throttling-limits", Outlook service limits):
 * 4 concurrent requests and 10,000 requests per 10 minutes. Refused requests count against neither.
 */
export class MailboxThrottle {
  private readonly inFlight = new Map<string, number>();
  private readonly maxObserved = new Map<string, number>();
  private readonly total = new Map<string, number>();
  private readonly window: SlidingWindowLimiter;

  constructor(
    clock: Clock,
    private readonly concurrency: number,
    requestsPer10Minutes: number,
    private readonly enabled: boolean,
  ) {
    this.window = new SlidingWindowLimiter([{ windowMs: 600_000, max: requestsPer10Minutes }], clock);
  }

  /** Synchronous on purpose: a batch enters all its parallel steps before any of them finishes. */
  enter(mailbox: string): MailboxAdmission {
    const current = this.inFlight.get(mailbox) ?? 0;
    if (this.enabled && current >= this.concurrency) {
      return { allowed: false, code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.', retryAfterSeconds: 1 };
    }
    if (this.enabled) {
      const decision = this.window.check(mailbox);
      if (!decision.allowed) {
        return {
          allowed: false,
          code: 'ApplicationThrottled',
          message: 'Application is over its MailboxRequestRate limit (10000 requests per 600 seconds).',
          retryAfterSeconds: Math.ceil(decision.retryAfterMs / 1000),
        };
      }
    }
    this.window.record(mailbox);
    this.total.set(mailbox, (this.total.get(mailbox) ?? 0) + 1);
    this.inFlight.set(mailbox, current + 1);
    this.maxObserved.set(mailbox, Math.max(this.maxObserved.get(mailbox) ?? 0, current + 1));
    let left = false;
    return {
      allowed: true,
      leave: () => {
        if (left) return;
        left = true;
        this.inFlight.set(mailbox, (this.inFlight.get(mailbox) ?? 1) - 1);
      },
    };
  }

  maxConcurrency(mailbox: string): number {
    return this.maxObserved.get(mailbox) ?? 0;
  }

  /** Admitted requests for the mailbox since start (or the last reset). */
  requestCount(mailbox: string): number {
    return this.total.get(mailbox) ?? 0;
  }

  reset(): void {
    this.window.reset();
    this.maxObserved.clear();
    this.total.clear();
  }
}
