import type { IsoDate } from './iso-date';

/** A day a meeting could go on, placed on the period's axis of school days. */
export interface Candidate {
  date: IsoDate;
  /** Index among the period's school days, so spacing ignores weekends and holidays. */
  position: number;
  /** Monday of its week. */
  week: IsoDate;
  /** The first or last school day of a half-term, which people find hard to make. */
  edge: boolean;
}

// Costs in strict tiers, so a lower tier can never outweigh a higher one: a second meeting in the
// same week only if nothing else fits, then an edge day only if unavoidable, then closeness to even spacing.
const sameWeekCost = 1e9;
const edgeCost = 1e6;

/**
 * Chooses `count` of `candidates` (in date order) spread as evenly as possible over `axisLength`
 * school days, by dynamic programming over the ordered picks. Returns every candidate when there are
 * too few. `previousWeek` is the week of the plan's previous meeting, from the period before.
 */
export function spreadPicks(candidates: readonly Candidate[], count: number, axisLength: number, previousWeek?: IsoDate): Candidate[] {
  const m = candidates.length;
  if (m <= count) return [...candidates];
  if (count <= 0) return [];

  const ideal = (k: number) => ((k + 0.5) * axisLength) / count - 0.5;
  const local = (k: number, j: number) => Math.abs(candidates[j]!.position - ideal(k)) + (candidates[j]!.edge ? edgeCost : 0);
  const cost: Float64Array[] = [];
  const from: Int32Array[] = [];

  for (let k = 0; k < count; k++) {
    cost.push(new Float64Array(m).fill(Infinity));
    from.push(new Int32Array(m).fill(-1));
    for (let j = k; j <= m - count + k; j++) {
      if (k === 0) {
        cost[0]![j] = local(0, j) + (candidates[j]!.week === previousWeek ? sameWeekCost : 0);
        continue;
      }
      for (let i = k - 1; i < j; i++) {
        const total = cost[k - 1]![i]! + (candidates[i]!.week === candidates[j]!.week ? sameWeekCost : 0) + local(k, j);
        // Strictly less keeps the earliest of equal choices, so the result is the same every time.
        if (total < cost[k]![j]!) {
          cost[k]![j] = total;
          from[k]![j] = i;
        }
      }
    }
  }

  let best = -1;
  for (let j = count - 1; j < m; j++) if (best < 0 || cost[count - 1]![j]! < cost[count - 1]![best]!) best = j;
  const picks: Candidate[] = [];
  for (let k = count - 1, j = best; k >= 0; j = from[k]![j]!, k--) picks.unshift(candidates[j]!);
  return picks;
}
