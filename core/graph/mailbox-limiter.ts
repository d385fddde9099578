/**
 * A weighted semaphore per mailbox. Outlook allows 4 concurrent requests per app and mailbox
 * (Graph throttling limits), and every step of a `$batch` counts, so a batch takes as many
 * permits as it can have steps running at once.
 */
export class MailboxLimiter {
  private readonly inUse = new Map<string, number>();
  private readonly waiting = new Map<string, Array<{ permits: number; start: () => void }>>();

  constructor(readonly permitsPerMailbox = 4) {}

  async run<T>(mailbox: string, permits: number, task: () => Promise<T>): Promise<T> {
    const key = mailbox.toLowerCase();
    const wanted = Math.min(Math.max(1, permits), this.permitsPerMailbox);
    await this.acquire(key, wanted);
    try {
      return await task();
    } finally {
      this.release(key, wanted);
    }
  }

  /** Permits currently held for the mailbox. */
  held(mailbox: string): number {
    return this.inUse.get(mailbox.toLowerCase()) ?? 0;
  }

  private acquire(key: string, permits: number): Promise<void> {
    const queue = this.waiting.get(key) ?? [];
    // First come, first served: a big request is not overtaken forever by small ones.
    if (queue.length === 0 && this.held(key) + permits <= this.permitsPerMailbox) {
      this.inUse.set(key, this.held(key) + permits);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      queue.push({ permits, start: resolve });
      this.waiting.set(key, queue);
    });
  }

  private release(key: string, permits: number): void {
    this.inUse.set(key, this.held(key) - permits);
    const queue = this.waiting.get(key) ?? [];
    while (queue.length > 0) {
      const next = queue[0];
      if (!next || this.held(key) + next.permits > this.permitsPerMailbox) break;
      queue.shift();
      this.inUse.set(key, this.held(key) + next.permits);
      next.start();
    }
    if (queue.length === 0) this.waiting.delete(key);
    if (this.held(key) === 0) this.inUse.delete(key);
  }
}
