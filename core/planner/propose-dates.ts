import { AppError } from '../errors';
import type { MeetingMode } from '../meetings/meeting-mode';
import { formatMeetingSlot } from '../time/london-time';
import { assignModes, assignVenues } from './assign-modes';
import { clashesWith, type Clash } from './clashes';
import { formatDateRange, formatWeekdays, weekOf, weekdayOf, type IsoDate, type Weekday } from './iso-date';
import { londonInstant, toLondonIsoString } from '../time/london-clock';
import { planPeriods, planWindow, type PlanPeriod } from './plan-periods';
import type { PlanRequest } from './plan-request';
import type { SchoolCalendar } from './school-calendar';
import { spreadPicks, type Candidate } from './spread-picks';

/** One proposed meeting, ready to show and to save. */
export interface ProposedMeeting {
  sequence: number;
  of: number;
  /** `3 of 6` */
  sequenceLabel: string;
  /** The half-term, term or month it was placed in: `Autumn 2`, `Spring term`, `October 2026`. */
  period: string;
  date: IsoDate;
  weekday: Weekday;
  /** Europe/London wall-clock time with the offset then in force: `2026-10-06T15:45:00+01:00`. */
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
  /** Null for online meetings. */
  venue: string | null;
  /** `Tue 6 Oct 2026, 15:45–17:15` */
  label: string;
}

export type UnplacedReason = 'no_school_days' | 'no_preferred_weekday' | 'clashes' | 'not_enough_days';

/** A meeting the plan asked for that could not be placed, and why. */
export interface UnplacedMeeting {
  period: string;
  /** Which of the period's meetings: 2 for the second meeting of Autumn 2. */
  meetingInPeriod: number;
  reason: UnplacedReason;
  /** `Autumn 2, meeting 2: no Tuesday or Wednesday school day left without a clash; ...` */
  explanation: string;
  /** The clashes that ruled out the remaining candidate days. */
  clashes: Clash[];
}

export interface Proposal {
  communityId: string;
  academicYear: string;
  requested: number;
  meetings: ProposedMeeting[];
  unplaced: UnplacedMeeting[];
  /** One sentence for the person planning: `12 meetings proposed for 2026/27.` */
  summary: string;
}

interface Placed {
  period: string;
  candidate: Candidate;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Proposes the community's meetings for the year: spread evenly over each period on school days of
 * the preferred weekdays, clear of members' other meetings, one a week where possible and off the
 * first and last days of a half-term where possible; modes by the pattern, venues by the plan.
 * What cannot be placed is listed in `unplaced` with the reason. The same input gives the same output.
 */
export function proposeDates(request: PlanRequest, calendar: SchoolCalendar): Proposal {
  if (request.academicYear !== calendar.label) {
    throw new AppError('plan_year_mismatch', `The plan is for ${request.academicYear} but the calendar is for ${calendar.label}.`);
  }
  const edges = new Set(calendar.halfTerms.flatMap((h) => [h.firstSchoolDay, h.lastSchoolDay]).filter((d) => d !== undefined));
  const periods = planPeriods(request, calendar);
  const requested = periods.reduce((sum, period) => sum + period.meetings, 0);
  const placed: Placed[] = [];
  const unplaced: UnplacedMeeting[] = [];

  for (const period of periods) {
    const previous = placed[placed.length - 1];
    const result = placeInPeriod(period, request, calendar, edges, previous ? previous.candidate.week : undefined);
    placed.push(...result.placed);
    unplaced.push(...result.unplaced);
  }
  if (periods.length === 0) {
    const window = planWindow(request, calendar);
    unplaced.push({
      period: calendar.label,
      meetingInPeriod: 1,
      reason: 'no_school_days',
      explanation: `${calendar.label}: there are no school days from ${formatDateRange(window.from, window.to)}, so no meetings can be planned.`,
      clashes: [],
    });
  }

  const modes = assignModes(request.modePattern, placed.length);
  const venues = assignVenues(modes, request.venues);
  const meetings = placed.map((slot, i): ProposedMeeting => ({
    sequence: i + 1,
    of: placed.length,
    sequenceLabel: `${i + 1} of ${placed.length}`,
    period: slot.period,
    date: slot.candidate.date,
    weekday: weekdayOf(slot.candidate.date),
    startsAt: toLondonIsoString(slot.startsAt),
    endsAt: toLondonIsoString(slot.endsAt),
    mode: modes[i]!,
    venue: venues[i]!,
    label: formatMeetingSlot(slot.startsAt, slot.endsAt),
  }));
  return { communityId: request.communityId, academicYear: calendar.label, requested, meetings, unplaced, summary: summarise(calendar.label, requested, meetings.length) };
}

function placeInPeriod(
  period: PlanPeriod,
  request: PlanRequest,
  calendar: SchoolCalendar,
  edges: ReadonlySet<IsoDate>,
  previousWeek: IsoDate | undefined,
): { placed: Placed[]; unplaced: UnplacedMeeting[] } {
  const axis = calendar.schoolDays(period.from, period.to);
  const onPreferredDays = axis
    .map((date, position) => {
      const startsAt = londonInstant(date, request.startTime);
      const endsAt = new Date(startsAt.getTime() + request.durationMinutes * 60000);
      return { date, position, startsAt, endsAt, clashes: clashesWith(request.busyTimes, startsAt, endsAt) };
    })
    .filter((day) => (request.preferredWeekdays as readonly Weekday[]).includes(weekdayOf(day.date)));
  const free = onPreferredDays.filter((day) => day.clashes.length === 0);

  const candidates: Candidate[] = free.map((day) => ({ date: day.date, position: day.position, week: weekOf(day.date), edge: edges.has(day.date) }));
  const picks = spreadPicks(candidates, period.meetings, axis.length, previousWeek);
  const byDate = new Map(free.map((day) => [day.date, day]));
  const placed = picks.map((candidate) => ({ period: period.label, candidate, startsAt: byDate.get(candidate.date)!.startsAt, endsAt: byDate.get(candidate.date)!.endsAt }));

  const unplaced: UnplacedMeeting[] = [];
  if (placed.length < period.meetings) {
    const clashing = onPreferredDays.filter((day) => day.clashes.length > 0).flatMap((day) => day.clashes);
    const days = formatWeekdays(request.preferredWeekdays);
    const range = formatDateRange(axis[0]!, axis[axis.length - 1]!);
    // A count over a narrowed window is labelled by its dates; saying them twice reads badly.
    const where = period.label === formatDateRange(period.from, period.to) ? 'between those dates' : `in ${period.label}`;
    const only = onPreferredDays.length;
    const [reason, why]: [UnplacedReason, string] =
      only === 0
        ? ['no_preferred_weekday', `there is no ${days} school day ${where} (school days ${range})`]
        : clashing.length > 0
          ? ['clashes', `no ${days} school day left without a clash; the only candidates clash with ${listClashes(clashing)}`]
          : [
              'not_enough_days',
              `there ${only === 1 ? 'is' : 'are'} only ${only} ${days} school ${only === 1 ? 'day' : 'days'} ${where} (${range}), and this plan already uses ${only === 1 ? 'it' : 'them all'}`,
            ];
    for (let n = placed.length + 1; n <= period.meetings; n++) {
      unplaced.push({ period: period.label, meetingInPeriod: n, reason, explanation: `${period.label}, meeting ${n}: ${why}`, clashes: clashing });
    }
  }
  return { placed, unplaced };
}

function listClashes(clashes: readonly Clash[]): string {
  const shown = clashes.slice(0, 4).map((clash) => clash.label);
  return clashes.length > shown.length ? `${shown.join(', ')} and ${clashes.length - shown.length} more` : shown.join(', ');
}

function summarise(year: string, requested: number, proposed: number): string {
  const meetings = (n: number) => `${n} ${n === 1 ? 'meeting' : 'meetings'}`;
  if (proposed === requested) return `${meetings(proposed)} proposed for ${year}.`;
  return `${proposed} of ${meetings(requested)} proposed for ${year}; ${requested - proposed} could not be placed.`;
}
