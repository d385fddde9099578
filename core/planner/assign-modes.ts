import { meetingModes, type MeetingMode } from '../meetings/meeting-mode';
import type { ModePattern, VenuePlan } from './plan-request';

/**
 * The mode of each of `count` meetings in date order. A sequence repeats from the start; a ratio is
 * shared out by largest remainder and each mode spread evenly, face to face first on a tie.
 */
export function assignModes(pattern: ModePattern, count: number): MeetingMode[] {
  if (pattern.kind === 'sequence') return Array.from({ length: count }, (_, i) => pattern.modes[i % pattern.modes.length]!);

  const total = meetingModes.reduce((sum, mode) => sum + pattern.ratio[mode], 0);
  const shares = meetingModes.map((mode, order) => {
    const exact = (count * pattern.ratio[mode]) / total;
    return { mode, order, meetings: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  const left = count - shares.reduce((sum, share) => sum + share.meetings, 0);
  [...shares].sort((a, b) => b.remainder - a.remainder || a.order - b.order).slice(0, left).forEach((share) => share.meetings++);

  // Each mode's meetings sit at even steps through the year; merging the steps interleaves them.
  const slots = shares.flatMap((share) =>
    Array.from({ length: share.meetings }, (_, k) => ({ at: (k * count) / share.meetings, order: share.order, mode: share.mode })),
  );
  return slots.sort((a, b) => a.at - b.at || a.order - b.order).map((slot) => slot.mode);
}

/** The venue of each meeting: online meetings have none; the others take the fixed venue or the next host in turn. */
export function assignVenues(modes: readonly MeetingMode[], plan: VenuePlan | undefined): Array<string | null> {
  let hosted = 0;
  return modes.map((mode) => {
    if (mode === 'online' || !plan) return null;
    return plan.kind === 'fixed' ? plan.venue : plan.venues[hosted++ % plan.venues.length]!;
  });
}
