import type { Random } from './seeded-random';
import { seededRandom } from './seeded-random';

/** Which requests a fault applies to; omitted fields match anything. */
export interface RequestMatch {
  method?: string;
  /** Matched against the decoded path (without query string). */
  path?: string | RegExp;
}

/**
 * One injected misbehaviour. `status` answers with that status and the service's own error body
 * (the double fills in the documented code when `code` is omitted); `delay` answers late but
 * otherwise normally; `drop` destroys the socket without answering.
 */
export type Fault =
  | { kind: 'status'; status: number; code?: string; message?: string; retryAfterSeconds?: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop' };

/** Shorthand accepted wherever a fault is: a bare status code or `'drop'`. */
export type FaultSpec = Fault | number | 'drop';

export interface RandomFaults {
  /** Probability (0..1) that a matching request gets a fault. */
  rate: number;
  kinds: readonly FaultSpec[];
  /** Seed for the random source, so a run can be repeated; defaults to the double's seed. */
  seed?: number;
  match?: RequestMatch;
}

export interface QueuedFault {
  fault: FaultSpec;
  match?: RequestMatch;
}

export function toFault(spec: FaultSpec): Fault {
  if (spec === 'drop') return { kind: 'drop' };
  if (typeof spec === 'number') return { kind: 'status', status: spec };
  return spec;
}

export function matches(match: RequestMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? match.path === path : match.path.test(path);
}

/** Decides, per request, whether to misbehave: queued faults first (in order), then random ones. */
export class FaultInjector {
  private queue: QueuedFault[] = [];
  private random: { options: RandomFaults; source: Random } | undefined;

  constructor(private readonly defaultSeed: number) {}

  setFaults(options: RandomFaults | null): void {
    this.random = options ? { options, source: seededRandom(options.seed ?? this.defaultSeed) } : undefined;
  }

  /** Queues faults for the next matching requests, one request each. */
  enqueue(...faults: Array<FaultSpec | QueuedFault>): void {
    for (const fault of faults) {
      this.queue.push(typeof fault === 'object' && 'fault' in fault ? fault : { fault });
    }
  }

  pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue = [];
    this.random = undefined;
  }

  take(method: string, path: string): Fault | undefined {
    const index = this.queue.findIndex((queued) => matches(queued.match, method, path));
    if (index >= 0) {
      const [queued] = this.queue.splice(index, 1);
      return queued ? toFault(queued.fault) : undefined;
    }
    if (!this.random || !matches(this.random.options.match, method, path)) return undefined;
    const { options, source } = this.random;
    if (source.next() >= options.rate || options.kinds.length === 0) return undefined;
    const pick = options.kinds[Math.floor(source.next() * options.kinds.length)];
    return pick === undefined ? undefined : toFault(pick);
  }
}
