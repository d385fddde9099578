/**
 * Shares `$batch` requests between callers writing to the same mailbox. Outlook lets a mailbox
 * run 4 requests at once, and a 20-step batch in 4 `dependsOn` chains uses all 4, so one batch
 * per mailbox is in flight at a time anyway; while it is, steps from every caller (one publish
 * run per community, several communities per lead) queue up and the next batch takes 20 of them.
 * When the mailbox is free and fewer than 20 steps wait, it waits until no step has arrived for
 * `lingerMs` (at most `maxWaitMs` after the mailbox became free), so concurrent publishes fill
 * batches instead of each sending a short one.
 */

export interface CoalescerOptions<Step, Answer> {
  batchSize: number;
  lingerMs: number;
  maxWaitMs: number;
  /** Sends one batch; answers come back in the order of `steps`. */
  send: (mailbox: string, steps: readonly Step[]) => Promise<Answer[]>;
}

interface Waiting<Step, Answer> {
  step: Step;
  settle: (answer: Answer) => void;
  reject: (error: unknown) => void;
}

interface MailboxState<Step, Answer> {
  queue: Waiting<Step, Answer>[];
  sending: boolean;
  timer?: NodeJS.Timeout;
  lastArrival: number;
  /** When the last batch came back (or the first step arrived at an idle mailbox). */
  freeSince: number;
}

export class BatchCoalescer<Step, Answer> {
  private readonly mailboxes = new Map<string, MailboxState<Step, Answer>>();

  constructor(private readonly options: CoalescerOptions<Step, Answer>) {}

  /** Resolves with one answer per step, in order, once every batch carrying them has come back. */
  submit(mailbox: string, steps: readonly Step[]): Promise<Answer[]> {
    const key = mailbox.toLowerCase();
    const now = Date.now();
    const state = this.stateOf(key, now);
    const answers = steps.map(
      (step) =>
        new Promise<Answer>((settle, reject) => {
          state.queue.push({ step, settle, reject });
        }),
    );
    state.lastArrival = now;
    this.pump(key, mailbox);
    return Promise.all(answers);
  }

  private stateOf(key: string, now: number): MailboxState<Step, Answer> {
    let state = this.mailboxes.get(key);
    if (!state) {
      state = { queue: [], sending: false, lastArrival: 0, freeSince: now };
      this.mailboxes.set(key, state);
    }
    return state;
  }

  private pump(key: string, mailbox: string): void {
    const state = this.mailboxes.get(key);
    if (!state || state.sending || state.queue.length === 0) return;
    if (state.timer) {
      clearTimeout(state.timer);
      state.timer = undefined;
    }
    const now = Date.now();
    const waitMs = Math.min(state.lastArrival + this.options.lingerMs, state.freeSince + this.options.maxWaitMs) - now;
    if (state.queue.length < this.options.batchSize && waitMs > 0) {
      state.timer = setTimeout(() => {
        state.timer = undefined;
        // Long enough: send what there is, even if short.
        state.lastArrival = 0;
        this.pump(key, mailbox);
      }, waitMs);
      return;
    }
    const taken = state.queue.splice(0, this.options.batchSize);
    state.sending = true;
    this.options
      .send(
        mailbox,
        taken.map((waiting) => waiting.step),
      )
      .then(
        (answers) => taken.forEach((waiting, index) => waiting.settle(answers[index] as Answer)),
        (error: unknown) => taken.forEach((waiting) => waiting.reject(error)),
      )
      .finally(() => {
        state.sending = false;
        state.freeSince = Date.now();
        if (state.queue.length === 0) this.mailboxes.delete(key);
        else this.pump(key, mailbox);
      });
  }
}
