import type { Clock } from '../shared/clock';
import { SlidingWindowLimiter } from '../shared/sliding-window';
import type { LimitScenario } from './rate-limits';
import { perBotPerThread, perThreadAllBots } from './rate-limits';

export interface AdmissionRequest {
  botId: string;
  tenantId: string;
  /** Absent for operations the per-thread table does not list (meeting APIs). */
  scenario?: LimitScenario;
  thread?: string;
}

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: string };

/**
 * Teams' send limits: the global per app per tenant rate, then the per bot per thread and the
 * all-bots per thread windows of the request's scenario. A refused request counts against nothing.
 */
export class TeamsRateLimiter {
  private readonly tenant: SlidingWindowLimiter;
  private readonly botThread: Record<LimitScenario, SlidingWindowLimiter>;
  private readonly allBotsThread: Record<LimitScenario, SlidingWindowLimiter>;

  constructor(clock: Clock, tenantRequestsPerSecond: number) {
    this.tenant = new SlidingWindowLimiter([{ windowMs: 1_000, max: tenantRequestsPerSecond }], clock);
    this.botThread = {
      send: new SlidingWindowLimiter(perBotPerThread.send, clock),
      create: new SlidingWindowLimiter(perBotPerThread.create, clock),
      members: new SlidingWindowLimiter(perBotPerThread.members, clock),
      conversations: new SlidingWindowLimiter(perBotPerThread.conversations, clock),
    };
    this.allBotsThread = {
      send: new SlidingWindowLimiter(perThreadAllBots.send, clock),
      create: new SlidingWindowLimiter(perThreadAllBots.create, clock),
      members: new SlidingWindowLimiter(perThreadAllBots.members, clock),
      conversations: new SlidingWindowLimiter(perThreadAllBots.conversations, clock),
    };
  }

  admit(request: AdmissionRequest): Admission {
    const checks: Array<{ limiter: SlidingWindowLimiter; key: string; reason: string }> = [
      { limiter: this.tenant, key: `${request.botId}|${request.tenantId}`, reason: 'per app per tenant' },
    ];
    if (request.scenario && request.thread !== undefined) {
      checks.push(
        { limiter: this.botThread[request.scenario], key: `${request.botId}|${request.thread}`, reason: `per bot per thread (${request.scenario})` },
        { limiter: this.allBotsThread[request.scenario], key: request.thread, reason: `per thread for all bots (${request.scenario})` },
      );
    }
    for (const check of checks) {
      const decision = check.limiter.check(check.key);
      if (!decision.allowed) {
        return {
          allowed: false,
          retryAfterSeconds: Math.ceil(decision.retryAfterMs / 1000),
          reason: `${check.reason}: ${decision.limit.max} per ${decision.limit.windowMs / 1000} s`,
        };
      }
    }
    for (const check of checks) check.limiter.record(check.key);
    return { allowed: true };
  }

  reset(): void {
    this.tenant.reset();
    for (const limiter of [...Object.values(this.botThread), ...Object.values(this.allBotsThread)]) limiter.reset();
  }
}
