import { and, asc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { meetings, memberships } from '../db/schema';
import { membershipCurrentOn } from '../directory/membership-dates';
import { AppError } from '../errors';
import type { Logger } from '../log/logger';
import type { MeetingEnded } from '../meetings/meeting-ended';
import type { Clock } from '../time/clock';
import { londonWallClock } from '../time/london-clock';
import { formatMeetingSlot } from '../time/london-time';
import { recordAcknowledgement } from './acknowledgement';
import { findMeetingFacts, isCommunityMember, type CardFigures, type MeetingFacts } from './meeting-card-data';
import { findLifecycle, recordActualStart, recordLifecycle } from './meeting-lifecycle';
import type { MeetingOpeningService, OpeningResult } from './meeting-opening';

/** A Teams meeting event in our words: the meeting chat it came from and what Teams said. */
export interface TeamsMeetingEvent {
  trustId: string;
  meetingChatId: string;
  joinUrl: string | null;
  /** Actual start or end time from the event; the arrival time when Teams gave none. */
  at: Date;
}

export type AcknowledgeResult =
  | { status: 'acknowledged' | 'already' | 'not_member'; meeting: MeetingFacts; figures: CardFigures }
  | { status: 'unknown_meeting' };

/** What leads pick from when they add the app to a meeting chat by hand. */
export interface LinkCandidate {
  meetingId: string;
  label: string;
  startsAt: Date;
}

/** Meeting start and end events, acknowledgements and chat links: the feature's entry points for the bot and the tab. */
export class MeetingEventService {
  constructor(
    private readonly deps: {
      db: Db;
      logger: Logger;
      clock: Clock;
      opening: MeetingOpeningService;
      /** Hands a meeting's end to the job queue, which tells the listeners once (with retries), outside the bot's turn. */
      announceEnd: (event: MeetingEnded) => Promise<void>;
    },
  ) {}

  /** The community meeting a Teams meeting chat belongs to: by chat id, else join URL; the occurrence nearest the event's time. */
  async meetingForChat(trustId: string, meetingChatId: string, joinUrl: string | null, at: Date): Promise<MeetingFacts | null> {
    const match = joinUrl ? or(eq(meetings.chatThreadId, meetingChatId), eq(meetings.joinUrl, joinUrl)) : eq(meetings.chatThreadId, meetingChatId);
    const rows = await this.deps.db
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(eq(meetings.trustId, trustId), match))
      .orderBy(sql`abs(extract(epoch from (${meetings.startsAt} - ${at.toISOString()}::timestamptz)))`)
      .limit(1);
    return rows[0] ? findMeetingFacts(this.deps.db, rows[0].id) : null;
  }

  async meetingStarted(event: TeamsMeetingEvent): Promise<OpeningResult> {
    const meeting = await this.meetingForChat(event.trustId, event.meetingChatId, event.joinUrl, event.at);
    if (!meeting) {
      this.deps.logger.warn({ meetingChatId: event.meetingChatId }, 'meeting start event for a chat that is not a community meeting; ignored');
      return { status: 'unknown_meeting' };
    }
    await recordActualStart(this.deps.db, meeting.trustId, meeting.id, event.at);
    return this.deps.opening.open(meeting.id, 'start_event', { meetingChatId: event.meetingChatId });
  }

  /** Records the actual end; the listeners (feedback) hear of it from a job, so a slow or failing listener never holds up or breaks the turn. */
  async meetingEnded(event: TeamsMeetingEvent): Promise<'announced' | 'already_reported' | 'unknown_meeting' | 'cancelled'> {
    const meeting = await this.meetingForChat(event.trustId, event.meetingChatId, event.joinUrl, event.at);
    if (!meeting) {
      this.deps.logger.warn({ meetingChatId: event.meetingChatId }, 'meeting end event for a chat that is not a community meeting; ignored');
      return 'unknown_meeting';
    }
    await recordLifecycle(this.deps.db, meeting.trustId, meeting.id, { actualEndedAt: event.at });
    if (meeting.status === 'cancelled') {
      this.deps.logger.warn({ meetingId: meeting.id }, 'meeting end event for a cancelled meeting; times recorded, no feedback started');
      return 'cancelled';
    }
    if ((await findLifecycle(this.deps.db, meeting.id))?.endReportedAt) return 'already_reported';
    await this.deps.announceEnd({ trustId: meeting.trustId, meetingId: meeting.id, endedAt: event.at, source: 'teams_end_event' });
    return 'announced';
  }

  /** "I'll work this way": members of the meeting's community only; pressing twice counts once. */
  async acknowledge(trustId: string, meetingId: string, personId: string): Promise<AcknowledgeResult> {
    const press = await recordAcknowledgement(this.deps.db, { trustId, meetingId, personId, at: this.deps.clock.now() });
    if (!press) return { status: 'unknown_meeting' };
    const { meeting, member, recorded, figures } = press;
    if (!member) {
      this.deps.logger.info({ meetingId, personId }, 'acknowledgement from someone outside the community; not counted');
      return { status: 'not_member', meeting, figures };
    }
    return { status: recorded ? 'acknowledged' : 'already', meeting, figures };
  }

  /**
   * A lead asks for the card ("start meeting" or the side panel button): the meeting named, else
   * the one this chat belongs to, else the caller's led meeting nearest now today. Same
   * exactly-once rule as the start event; the answer is a sentence for the lead.
   */
  async startManually(trustId: string, personId: string, options: { meetingId?: string; meetingChatId?: string }): Promise<{ result: OpeningResult | null; message: string }> {
    const now = this.deps.clock.now();
    let meeting: MeetingFacts | null = null;
    if (options.meetingId) meeting = await findMeetingFacts(this.deps.db, options.meetingId);
    else if (options.meetingChatId) meeting = await this.meetingForChat(trustId, options.meetingChatId, null, now);
    if (!meeting || meeting.trustId !== trustId) {
      const candidates = (await this.linkCandidates(trustId, personId)).filter((c) => Math.abs(c.startsAt.getTime() - now.getTime()) <= 3 * 3_600_000);
      meeting = candidates[0] ? await findMeetingFacts(this.deps.db, candidates[0].meetingId) : null;
    }
    if (!meeting) return { result: null, message: 'You lead no community meeting within three hours of now, so there is nothing to start. Open the meeting in the app to post its card.' };
    const { lead } = await isCommunityMember(this.deps.db, meeting.communityId, personId, londonWallClock(now).slice(0, 10));
    if (!lead) return { result: null, message: `Only the leads of ${meeting.communityName} can post its Ways of Working card.` };
    const result = await this.deps.opening.open(meeting.id, 'manual', options.meetingChatId && meeting.chatThreadId === options.meetingChatId ? { meetingChatId: options.meetingChatId } : {});
    return { result, message: manualStartMessage(meeting, result) };
  }

  /** Today's and the next fortnight's meetings of the communities this person leads, for linking a chat by hand. */
  async linkCandidates(trustId: string, personId: string): Promise<LinkCandidate[]> {
    const now = this.deps.clock.now();
    const today = londonWallClock(now).slice(0, 10);
    const led = await this.deps.db
      .select({ communityId: memberships.communityId })
      .from(memberships)
      .where(and(eq(memberships.trustId, trustId), eq(memberships.personId, personId), eq(memberships.role, 'lead'), membershipCurrentOn(today)));
    if (led.length === 0) return [];
    const rows = await this.deps.db
      .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, endsAt: meetings.endsAt })
      .from(meetings)
      .where(
        and(
          inArray(meetings.communityId, led.map((l) => l.communityId)),
          eq(meetings.status, 'scheduled'),
          gte(meetings.endsAt, new Date(now.getTime() - 12 * 3_600_000)),
          lte(meetings.startsAt, new Date(now.getTime() + 14 * 86_400_000)),
        ),
      )
      .orderBy(asc(meetings.startsAt))
      .limit(20);
    return rows.map((r) => ({ meetingId: r.id, label: `${r.title} — ${formatMeetingSlot(r.startsAt, r.endsAt)}`, startsAt: r.startsAt }));
  }

  /** For the side panel opened outside a meeting: the caller's community meeting nearest now (today's first, then the next). */
  async nearestMeetingFor(trustId: string, personId: string): Promise<{ id: string } | null> {
    const now = this.deps.clock.now();
    const rows = await this.deps.db
      .select({ id: meetings.id })
      .from(meetings)
      .innerJoin(memberships, and(eq(memberships.communityId, meetings.communityId), eq(memberships.personId, personId)))
      .where(and(eq(meetings.trustId, trustId), eq(meetings.status, 'scheduled'), gte(meetings.endsAt, new Date(now.getTime() - 12 * 3_600_000))))
      .orderBy(asc(meetings.startsAt))
      .limit(1);
    return rows[0] ?? null;
  }

  /** Links a meeting chat the app was added to by hand to a community meeting; only the community's leads may. */
  /** `personId` null: the app itself linked it (join URL matched), no lead check. */
  async linkChat(trustId: string, meetingChatId: string, meetingId: string, personId: string | null): Promise<MeetingFacts> {
    const meeting = await findMeetingFacts(this.deps.db, meetingId);
    if (!meeting || meeting.trustId !== trustId) throw new AppError('not_found', 'That meeting no longer exists. Type **start meeting** to try again.', 404);
    if (personId) {
      const { lead } = await isCommunityMember(this.deps.db, meeting.communityId, personId, londonWallClock(this.deps.clock.now()).slice(0, 10));
      if (!lead) throw new AppError('forbidden', `Only the leads of ${meeting.communityName} can link this chat to its meeting.`, 403);
    }
    await this.deps.db.update(meetings).set({ chatThreadId: meetingChatId, updatedAt: this.deps.clock.now() }).where(eq(meetings.id, meetingId));
    await recordLifecycle(this.deps.db, trustId, meetingId, { chatAppInstalledAt: this.deps.clock.now(), chatAppRemovedAt: null });
    this.deps.logger.info({ meetingId, meetingChatId }, 'meeting chat linked to a community meeting');
    return { ...meeting, chatThreadId: meetingChatId };
  }

  /** Links by the Teams meeting's join URL when it matches a published meeting; null when none does. */
  async linkChatByJoinUrl(trustId: string, meetingChatId: string, joinUrl: string): Promise<MeetingFacts | null> {
    const [row] = await this.deps.db.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.trustId, trustId), eq(meetings.joinUrl, joinUrl))).limit(1);
    if (!row) return null;
    return this.linkChat(trustId, meetingChatId, row.id, null);
  }
}

const destinations = { meeting_chat: 'in the meeting chat', channel: 'in the community channel', lead: 'to you in a personal chat, to share on screen' } as const;

function manualStartMessage(meeting: MeetingFacts, result: OpeningResult): string {
  switch (result.status) {
    case 'sent':
      return `Posted the Ways of Working card for ${meeting.title} ${destinations[result.destination]}.`;
    case 'already_sent':
      return `The Ways of Working card for ${meeting.title} has already been posted; it is posted once per meeting.`;
    case 'in_progress':
      return `The Ways of Working card for ${meeting.title} is being posted right now.`;
    case 'cancelled':
      return `${meeting.title} is cancelled, so no card was posted.`;
    case 'unknown_meeting':
      return 'That meeting is no longer in the app.';
    case 'not_sent':
      return `The card could not be posted: ${result.message}${result.retryable ? ' Try again in a few minutes.' : ''}`;
  }
}
