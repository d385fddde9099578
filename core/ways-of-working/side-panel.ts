import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { meetingOpenings } from '../db/schema';
import { AppError } from '../errors';
import type { Clock } from '../time/clock';
import { londonWallClock } from '../time/london-clock';
import { acknowledgedBy, findMeetingFacts, isCommunityMember, waysOfWorkingCardData, type WaysOfWorkingCardData } from './meeting-card-data';
import type { MeetingEventService } from './meeting-events';

export interface SidePanelView {
  card: Omit<WaysOfWorkingCardData, 'frameworkVersionId' | 'communityVersionId'>;
  acknowledged: Array<{ personId: string; name: string; at: string }>;
  opening: { state: 'not_posted' | 'claimed' | 'sent' | 'failed'; postedAt: string | null; failure: string | null };
  you: { isLead: boolean; isMember: boolean; acknowledged: boolean };
}

/**
 * The meeting side panel: which meeting (named, or the one this meeting chat belongs to, or the
 * caller's nearest), its Ways of Working, agenda and who has acknowledged.
 */
export async function sidePanelView(
  deps: { db: Db; clock: Clock; events: MeetingEventService; tabUrl: string },
  caller: { trustId: string; personId: string },
  query: { meetingId?: string; chatId?: string },
): Promise<SidePanelView> {
  const now = deps.clock.now();
  let meetingId = query.meetingId;
  if (!meetingId && query.chatId) meetingId = (await deps.events.meetingForChat(caller.trustId, query.chatId, null, now))?.id;
  // Inside a Teams meeting, only that meeting will do: showing another would mislead.
  if (!meetingId && !query.chatId) meetingId = (await deps.events.nearestMeetingFor(caller.trustId, caller.personId))?.id;
  const meeting = meetingId ? await findMeetingFacts(deps.db, meetingId) : null;
  if (!meeting || meeting.trustId !== caller.trustId) {
    throw new AppError('meeting_not_found', query.chatId ? 'This Teams meeting is not linked to a community meeting. A community lead can link it by adding the app to the meeting chat.' : 'No community meeting was found for you.', 404);
  }
  const [data, acks, openings, membership] = await Promise.all([
    waysOfWorkingCardData(deps.db, meeting, { tabUrl: deps.tabUrl }),
    acknowledgedBy(deps.db, meeting.id),
    deps.db.select().from(meetingOpenings).where(eq(meetingOpenings.meetingId, meeting.id)),
    isCommunityMember(deps.db, meeting.communityId, caller.personId, londonWallClock(meeting.startsAt).slice(0, 10)),
  ]);
  const { frameworkVersionId: _f, communityVersionId: _c, ...card } = data;
  const opening = openings[0];
  return {
    card,
    acknowledged: acks.map((a) => ({ personId: a.personId, name: a.name, at: a.at.toISOString() })),
    opening: { state: opening?.state ?? 'not_posted', postedAt: opening?.sentAt?.toISOString() ?? null, failure: opening?.state === 'failed' ? opening.failure : null },
    you: { isLead: membership.lead, isMember: membership.member, acknowledged: acks.some((a) => a.personId === caller.personId) },
  };
}
