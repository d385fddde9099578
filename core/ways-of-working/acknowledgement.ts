import { and, eq, sql, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db/database';
import { preparedPerDatabase } from '../db/prepared-statements';
import { communities, meetingAcknowledgements, meetings, memberships } from '../db/schema';
import { membershipCurrentOn } from '../directory/membership-dates';
import { cardFigureColumns, meetingFactsFields, meetingId36, type CardFigures, type MeetingFacts } from './meeting-card-data';

export interface RecordedAcknowledgement {
  meeting: MeetingFacts;
  /** An active member or lead of the meeting's community on its date: only they are counted. */
  member: boolean;
  /** False when this person had already acknowledged (or is not a member). */
  recorded: boolean;
  /** The refreshed card's figures, this acknowledgement counted. */
  figures: CardFigures;
}

/**
 * "I'll work this way": records the press of an active member of the meeting's community and
 * reads the refreshed card's figures, in one statement and one round trip, since members press
 * together as the meeting opens. Null when the meeting is not this trust's.
 */
export async function recordAcknowledgement(db: Db, press: { trustId: string; meetingId: string; personId: string; at: Date }): Promise<RecordedAcknowledgement | null> {
  if (!meetingId36.test(press.meetingId)) return null;
  const [row] = await preparedFor(db).execute({ ...press, at: press.at.toISOString() });
  if (!row) return null;
  const { member, inserted, framework, community, sequence, members, acks, ...meeting } = row;
  // The insert's row is not visible to the statement's own count, so it is added here.
  return { meeting, member, recorded: inserted > 0, figures: { framework, community, sequence, members, acks: acks + inserted } };
}

/** The meeting's date in London, the date that membership and the versions in force are judged on. */
const londonDate = (startsAt: SQLWrapper) => sql`(${startsAt} at time zone 'Europe/London')::date`;

/** A current membership (any role) of the meeting's community for the person on the meeting's date. */
function activeMembership(communityId: SQLWrapper, startsAt: SQLWrapper, personId: SQLWrapper) {
  return sql`exists (select 1 from ${memberships}
     where ${memberships.communityId} = ${communityId} and ${memberships.personId} = ${personId} and ${membershipCurrentOn(londonDate(startsAt))})`;
}

function prepareAcknowledgement(db: Db) {
  const ph = sql.placeholder;
  const personId = sql`${ph('personId')}::uuid`;
  // The CTE inserts only for a member of this trust's meeting; ON CONFLICT makes a second press count once.
  const inserted = db.$with('inserted', { n: sql<number>`n` }).as(
    sql`insert into ${meetingAcknowledgements} (meeting_id, person_id, trust_id, at)
        select ${meetings.id}, ${personId}, ${meetings.trustId}, ${ph('at')}::timestamptz from ${meetings}
         where ${meetings.id} = ${ph('meetingId')} and ${meetings.trustId} = ${ph('trustId')}
           and ${activeMembership(meetings.communityId, meetings.startsAt, personId)}
        on conflict do nothing returning 1 as n`,
  );
  return db
    .with(inserted)
    .select({
      ...meetingFactsFields,
      member: sql<boolean>`${activeMembership(meetings.communityId, meetings.startsAt, personId)}`,
      inserted: sql<number>`(select count(*)::int from ${inserted})`.mapWith(Number),
      ...cardFigureColumns({
        trustId: meetings.trustId,
        communityId: meetings.communityId,
        academicYearId: meetings.academicYearId,
        meetingId: meetings.id,
        onDate: londonDate(meetings.startsAt),
      }),
    })
    .from(meetings)
    .innerJoin(communities, eq(communities.id, meetings.communityId))
    .where(and(eq(meetings.id, ph('meetingId')), eq(meetings.trustId, ph('trustId'))))
    .limit(1)
    .prepare('wow_acknowledge');
}

const preparedFor = preparedPerDatabase(prepareAcknowledgement);
