/**
 * Keeps one sender within a messages-per-second budget, such as Teams' limit per app per tenant.
 * A send holds a slot while it is in flight; a send Teams accepted keeps its slot for a second
 * from when the answer came (later than Teams counted it, so the sender errs on the safe side); a
 * refused or failed send gives its slot back at once, because a refused request is not a message.
 */
export class SendPacer {
  private readonly accepted: number[] = [];
  private inFlight = 0;
  private readonly windowMs = 1_000;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isFinite(perSecond) || perSecond < 1) throw new Error(`A send rate must be at least 1 per second, not ${perSecond}.`);
  }

  /** How many sends may start now. */
  available(): number {
    this.forgetOld();
    return Math.max(0, Math.floor(this.perSecond) - this.accepted.length - this.inFlight);
  }

  /** Milliseconds until a slot frees; 0 when one is free now. While only sends in flight hold the slots, their answers free them. */
  waitMs(): number {
    if (this.available() > 0) return 0;
    const oldest = this.accepted[0];
    return oldest === undefined ? 5 : Math.max(1, oldest + this.windowMs - this.now());
  }

  begin(): void {
    this.inFlight += 1;
  }

  end(accepted: boolean): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (accepted) this.accepted.push(this.now());
  }

  private forgetOld(): void {
    const horizon = this.now() - this.windowMs;
    while (this.accepted.length > 0 && (this.accepted[0] as number) <= horizon) this.accepted.shift();
  }
}
