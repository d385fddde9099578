/**
 * Keeps one sender within a messages-per-second budget, such as Teams' limit per app per tenant.
 * A send holds a slot while it is in flight; a send Teams accepted keeps its slot for a second
 * from when the answer came (later than Teams counted it, so the sender errs on the safe side); a
 * refused or failed send gives its slot back at once, because a refused request is not a message.
 * Starts are kept at least half a slot's share of the second apart (10 ms at 50 a second), so the
 * budget is spread over the second instead of spent in bursts: fewer cards in flight at any moment
 * (fewer left in doubt if the instance dies), while refused sends still find room.
 */
export class SendPacer {
  private readonly accepted: number[] = [];
  private inFlight = 0;
  private lastStartAt = Number.NEGATIVE_INFINITY;
  private readonly windowMs = 1_000;
  private readonly spacingMs: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isFinite(perSecond) || perSecond < 1) throw new Error(`A send rate must be at least 1 per second, not ${perSecond}.`);
    this.spacingMs = this.windowMs / Math.floor(perSecond) / 2;
  }

  /** How many sends may start now. */
  available(): number {
    return this.availableWithin(0);
  }

  /** How many sends may start now or within `ms`, as the oldest accepted sends leave the window: a caller can have that many ready. */
  availableWithin(ms: number): number {
    return Math.min(this.windowRoom(ms), this.startsWithin(ms));
  }

  /** Milliseconds until a send may start, or until one is `aheadMs` from it; 0 when that is now. While only sends in flight hold the slots, their answers free them. */
  waitMs(aheadMs = 0): number {
    if (this.availableWithin(aheadMs) > 0) return 0;
    const spacing = this.lastStartAt + this.spacingMs - aheadMs - this.now();
    if (this.windowRoom(aheadMs) > 0) return Math.max(1, spacing);
    const oldest = this.accepted[0];
    return oldest === undefined ? 5 : Math.max(1, spacing, oldest + this.windowMs - aheadMs - this.now());
  }

  begin(): void {
    this.inFlight += 1;
    this.lastStartAt = this.now();
  }

  end(accepted: boolean): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (accepted) this.accepted.push(this.now());
  }

  /** Slots free `ms` from now, counting only the accepted sends still in the window then. */
  private windowRoom(ms: number): number {
    this.forgetOld();
    const stillCounted = this.accepted.filter((at) => at + this.windowMs > this.now() + ms).length;
    return Math.max(0, Math.floor(this.perSecond) - stillCounted - this.inFlight);
  }

  /** Starts the spacing allows from now until `ms` from now. */
  private startsWithin(ms: number): number {
    const first = Math.max(this.now(), this.lastStartAt + this.spacingMs);
    const until = this.now() + ms;
    return until < first ? 0 : Math.floor((until - first) / this.spacingMs) + 1;
  }

  private forgetOld(): void {
    const horizon = this.now() - this.windowMs;
    while (this.accepted.length > 0 && (this.accepted[0] as number) <= horizon) this.accepted.shift();
  }
}
