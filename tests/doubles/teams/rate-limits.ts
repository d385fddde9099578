import type { WindowLimit } from '../shared/sliding-window';

/** Per bot per thread limits, msteams-docs `bots/how-to/rate-limit.md`. */
export const perBotPerThread = {
  send: [
    { windowMs: 1_000, max: 7 },
    { windowMs: 2_000, max: 8 },
    { windowMs: 30_000, max: 60 },
    { windowMs: 3_600_000, max: 1_800 },
  ],
  create: [
    { windowMs: 1_000, max: 7 },
    { windowMs: 2_000, max: 8 },
    { windowMs: 30_000, max: 60 },
    { windowMs: 3_600_000, max: 1_800 },
  ],
  members: [
    { windowMs: 1_000, max: 14 },
    { windowMs: 2_000, max: 16 },
    { windowMs: 30_000, max: 120 },
    { windowMs: 3_600_000, max: 3_600 },
  ],
  conversations: [
    { windowMs: 1_000, max: 14 },
    { windowMs: 2_000, max: 16 },
    { windowMs: 30_000, max: 120 },
    { windowMs: 3_600_000, max: 3_600 },
  ],
} as const satisfies Record<string, readonly WindowLimit[]>;

/** Per thread limits for all bots together, same page. */
export const perThreadAllBots = {
  send: [
    { windowMs: 1_000, max: 14 },
    { windowMs: 2_000, max: 16 },
  ],
  create: [
    { windowMs: 1_000, max: 14 },
    { windowMs: 2_000, max: 16 },
  ],
  members: [
    { windowMs: 1_000, max: 28 },
    { windowMs: 2_000, max: 32 },
  ],
  conversations: [
    { windowMs: 1_000, max: 28 },
    { windowMs: 2_000, max: 32 },
  ],
} as const satisfies Record<string, readonly WindowLimit[]>;

export type LimitScenario = keyof typeof perBotPerThread;

/** The global limit per app per tenant: 50 RPS on the current page, 30 on an older one. */
export const defaultTenantRequestsPerSecond = 50;
