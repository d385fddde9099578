import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../db/database';
import { academicYears, communities, meetings, memberships, people, trusts } from '../db/schema';
import { AppError } from '../errors';
import { meetingModeLabels } from '../meetings/meeting-mode';
import { formatLondonDate, formatLondonTime } from '../time/london-time';

/** The trust-wide schedule of an academic year's community meetings, as the CSV and Word exports show it. */

export interface ScheduleRow {
  /** "3 of 6": the meeting's place among the community's scheduled meetings that year. */
  meeting: string;
  /** `Tue 6 Oct 2026` */
  date: string;
  /** `15:45–17:15` */
  time: string;
  mode: string;
  venue: string;
  joinUrl: string;
}

export interface ScheduleCommunity {
  name: string;
  leads: string[];
  rows: ScheduleRow[];
}

export interface Schedule {
  trustName: string;
  /** `2026/27` */
  yearLabel: string;
  /** `Communities dates 2026-27` */
  title: string;
  /** `communities-dates-2026-27`, without an extension */
  fileStem: string;
  /** Every community of the trust by name, with or without meetings that year. */
  communities: ScheduleCommunity[];
}

/** Loads the schedule for the year labelled `yearLabel` (`2026/27`); an unknown year is a 404. */
export async function loadSchedule(db: Db, trustId: string, yearLabel: string): Promise<Schedule> {
  const [[trust], [year]] = await Promise.all([
    db.select({ name: trusts.name }).from(trusts).where(eq(trusts.id, trustId)),
    db
      .select({ id: academicYears.id, label: academicYears.label, startsOn: academicYears.startsOn, endsOn: academicYears.endsOn })
      .from(academicYears)
      .where(and(eq(academicYears.trustId, trustId), eq(academicYears.label, yearLabel))),
  ]);
  if (!trust || !year) {
    const known = await db
      .select({ label: academicYears.label })
      .from(academicYears)
      .where(eq(academicYears.trustId, trustId))
      .orderBy(asc(academicYears.startsOn));
    const list = known.length > 0 ? ` The trust has ${known.map((k) => k.label).join(', ')}.` : ' The trust has no academic years yet.';
    throw new AppError('academic_year_not_found', `There is no academic year ${yearLabel}.${list}`, 404);
  }

  const [communityRows, meetingRows, leadRows] = await Promise.all([
    db
      .select({ id: communities.id, name: communities.name })
      .from(communities)
      .where(eq(communities.trustId, trustId))
      .orderBy(asc(communities.name)),
    db
      .select({
        communityId: meetings.communityId,
        startsAt: meetings.startsAt,
        endsAt: meetings.endsAt,
        mode: meetings.mode,
        venue: meetings.venue,
        joinUrl: meetings.joinUrl,
      })
      .from(meetings)
      .where(and(eq(meetings.trustId, trustId), eq(meetings.academicYearId, year.id), eq(meetings.status, 'scheduled')))
      .orderBy(asc(meetings.startsAt)),
    // Leads whose membership overlaps the year, so a lead who hands over mid-year is still named.
    db
      .selectDistinct({ communityId: memberships.communityId, displayName: people.displayName })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(
        and(
          eq(memberships.trustId, trustId),
          eq(memberships.role, 'lead'),
          lte(memberships.fromDate, year.endsOn),
          or(isNull(memberships.toDate), gte(memberships.toDate, year.startsOn)),
        ),
      )
      .orderBy(asc(people.displayName)),
  ]);

  const scheduled = communityRows.map((community) => {
    const own = meetingRows.filter((m) => m.communityId === community.id);
    return {
      name: community.name,
      leads: leadRows.filter((l) => l.communityId === community.id).map((l) => l.displayName),
      rows: own.map((m, index) => ({
        meeting: `${index + 1} of ${own.length}`,
        date: formatLondonDate(m.startsAt),
        time: `${formatLondonTime(m.startsAt)}–${formatLondonTime(m.endsAt)}`,
        mode: meetingModeLabels[m.mode],
        venue: m.venue ?? '',
        joinUrl: m.joinUrl ?? '',
      })),
    };
  });
  const fileLabel = year.label.replace('/', '-');
  return {
    trustName: trust.name,
    yearLabel: year.label,
    title: `Communities dates ${fileLabel}`,
    fileStem: `communities-dates-${fileLabel}`,
    communities: scheduled,
  };
}
