import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { academies, communities, feedbackRequests, feedbackRounds, meetings, memberships, people } from '../db/schema';
import { membershipCurrentOn } from '../directory/membership-dates';
import { londonDate } from '../time/london-clock';
import type { AttendanceGateway } from '../graph/attendance-gateway';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../log/logger';
import type { CardSender } from '../messaging/card-sender';
import type { MeetingEnded, MeetingEndListener } from '../meetings/meeting-ended';
import { hasTrustRole } from '../planner/planner-permissions';
import type { Clock } from '../time/clock';
import { formatMeetingSlot } from '../time/london-time';
import type { FeedbackCards, RegisterCardView } from './feedback-card-view';
import { jobDelay, type FeedbackDelivery } from './feedback-delivery';
import type { FeedbackSettings } from './feedback-settings';

export const registerCardQueue = 'feedback-register-card';
export const registerTimeoutQueue = 'feedback-register-timeout';

const registerCardJob = z.object({ meetingId: z.uuid(), leadPersonId: z.uuid() });
const registerTimeoutJob = z.object({ meetingId: z.uuid() });

export interface FeedbackRoundsDeps {
  db: Db;
  jobs: JobQueue;
  sender: CardSender;
  cards: FeedbackCards;
  /** Null in local mode (no Graph): online meetings then ask every member. */
  attendance: AttendanceGateway | null;
  delivery: FeedbackDelivery;
  clock: Clock;
  logger: Logger;
  settings: FeedbackSettings;
}

interface RoundMeeting {
  id: string;
  trustId: string;
  communityId: string;
  communityName: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  mode: 'face_to_face' | 'hybrid' | 'online';
  status: 'scheduled' | 'cancelled';
  joinUrl: string | null;
  organizerAad: string | null;
}

/** How a round decided who attended: Teams' attendance report, the leads' register, or everyone as a fallback. */
export type AttendanceSource = 'attendance_report' | 'register' | 'everyone';

/**
 * Starts the feedback round when a meeting ends: online and hybrid meetings ask whoever the
 * attendance reports list; face-to-face meetings first ask the leads to confirm a register, and
 * everyone is asked if nobody confirms in time. Idempotent: a second end event resumes, never repeats.
 */
export class FeedbackRounds implements MeetingEndListener {
  constructor(private readonly deps: FeedbackRoundsDeps) {}

  async register(): Promise<void> {
    const { jobs } = this.deps;
    await jobs.register(registerCardQueue, registerCardJob, (job) => this.sendRegisterCard(job.meetingId, job.leadPersonId), {
      singletons: 'one-queued-one-running',
      // Every 15 s for about five minutes: a lead should get the register while the meeting is fresh; after that the wait asks everyone.
      retryLimit: 20,
      retryDelaySeconds: 15,
      retryBackoff: false,
    });
    await jobs.register(registerTimeoutQueue, registerTimeoutJob, (job) => this.registerTimedOut(job.meetingId), { singletons: 'one-queued' });
  }

  async meetingEnded(event: MeetingEnded): Promise<void> {
    const meeting = await this.loadMeeting(event.trustId, event.meetingId);
    if (!meeting) {
      this.deps.logger.warn({ meetingId: event.meetingId }, 'meeting end for a meeting we do not know');
      return;
    }
    if (meeting.status === 'cancelled') return;
    const faceToFace = meeting.mode === 'face_to_face';
    const [inserted] = await this.deps.db
      .insert(feedbackRounds)
      .values({ trustId: meeting.trustId, meetingId: meeting.id, communityId: meeting.communityId, status: faceToFace ? 'awaiting_register' : 'asked', endedAt: event.endedAt })
      .onConflictDoNothing()
      .returning({ id: feedbackRounds.id });
    const [round] = await this.deps.db.select().from(feedbackRounds).where(eq(feedbackRounds.meetingId, meeting.id));
    if (!round) return;
    if (round.askedAt) {
      await this.deps.delivery.sendAsks(meeting.trustId);
      return;
    }
    if (faceToFace) {
      if (!inserted) return;
      const leads = await this.members(meeting, 'lead');
      for (const lead of leads) {
        await this.deps.jobs.send(registerCardQueue, { meetingId: meeting.id, leadPersonId: lead.personId }, { singletonKey: `${meeting.id}:${lead.personId}` });
      }
      await this.deps.jobs.send(
        registerTimeoutQueue,
        { meetingId: meeting.id },
        { singletonKey: meeting.id, startAfter: jobDelay(this.deps.settings.registerWaitHours * 3_600_000) },
      );
      if (leads.length === 0) await this.askPeople(meeting, null, 'everyone', 'The community has no lead to confirm a register.', null);
      return;
    }
    const { personIds, source, note } = await this.attendeesOf(meeting);
    await this.askPeople(meeting, personIds, source, note, null);
  }

  /** A lead's register from the card: asks those ticked. Only the community's leads or the PD director may confirm. */
  async confirmRegister(trustId: string, meetingId: string, confirmerPersonId: string, attendeeIds: string[]): Promise<RegisterCardView | { refused: string }> {
    const meeting = await this.loadMeeting(trustId, meetingId);
    if (!meeting) return { refused: 'This meeting was not found. Nothing was saved.' };
    const leads = await this.members(meeting, 'lead');
    const mayConfirm = leads.some((lead) => lead.personId === confirmerPersonId) || (await hasTrustRole(this.deps.db, trustId, confirmerPersonId, 'pd_director'));
    if (!mayConfirm) return { refused: `Only the leads of ${meeting.communityName} can confirm who came. Nothing was saved.` };
    const [round] = await this.deps.db.select().from(feedbackRounds).where(eq(feedbackRounds.meetingId, meetingId));
    if (meeting.status === 'cancelled') return { ...(await this.registerView(meeting)), notice: 'This meeting was cancelled, so nobody is asked for feedback.' };
    if (round?.askedAt) return this.registerView(meeting, 'The register was already confirmed; nothing changed.');
    const members = await this.members(meeting);
    const known = new Set(members.map((m) => m.personId));
    const chosen = attendeeIds.filter((id) => known.has(id));
    if (chosen.length === 0) return { ...(await this.registerView(meeting)), notice: 'Tick at least one person who came, then confirm.' };
    await this.askPeople(meeting, chosen, 'register', null, confirmerPersonId);
    return this.registerView(meeting, `Thank you. ${chosen.length} ${chosen.length === 1 ? 'person has' : 'people have'} been asked for feedback.`);
  }

  private async registerTimedOut(meetingId: string): Promise<void> {
    const [round] = await this.deps.db.select().from(feedbackRounds).where(eq(feedbackRounds.meetingId, meetingId));
    if (!round || round.askedAt) return;
    const meeting = await this.loadMeeting(round.trustId, meetingId);
    if (!meeting || meeting.status === 'cancelled') return;
    await this.askPeople(meeting, null, 'everyone', `No register was confirmed within ${this.deps.settings.registerWaitHours} hours, so every member was asked.`, null);
  }

  private async sendRegisterCard(meetingId: string, leadPersonId: string): Promise<void> {
    const [round] = await this.deps.db.select().from(feedbackRounds).where(eq(feedbackRounds.meetingId, meetingId));
    if (!round || round.askedAt) return;
    const meeting = await this.loadMeeting(round.trustId, meetingId);
    if (!meeting) return;
    const card = this.deps.cards.registerCard(await this.registerView(meeting));
    const outcome = await this.deps.sender.sendToPerson(meeting.trustId, leadPersonId, card, { summary: `Who came to ${meeting.title}?` });
    if (outcome.ok) return;
    if (outcome.reason === 'throttled' || outcome.reason === 'transient') throw new Error(`register card not delivered yet: ${outcome.message}`);
    this.deps.logger.warn({ meetingId, leadPersonId, reason: outcome.reason }, 'register card could not be delivered; everyone will be asked when the wait ends');
  }

  async registerView(meeting: RoundMeeting, notice: string | null = null): Promise<RegisterCardView> {
    const [round] = await this.deps.db.select().from(feedbackRounds).where(eq(feedbackRounds.meetingId, meeting.id));
    let confirmed: string | null = null;
    if (round?.askedAt) {
      const [by] = round.registerConfirmedBy ? await this.deps.db.select({ name: people.displayName }).from(people).where(eq(people.id, round.registerConfirmedBy)) : [];
      confirmed = round.attendanceSource === 'register' ? `Confirmed by ${by?.name ?? 'a lead'}.` : 'Everyone in the community was asked.';
    }
    const members = await this.members(meeting);
    return {
      meetingId: meeting.id,
      meeting: { title: meeting.title, when: formatMeetingSlot(meeting.startsAt, meeting.endsAt), communityName: meeting.communityName },
      members: members.map((m) => ({ personId: m.personId, name: m.name, academy: m.academy ?? 'Central team' })),
      confirmed,
      notice,
    };
  }

  async loadMeetingView(trustId: string, meetingId: string): Promise<RoundMeeting | null> {
    return this.loadMeeting(trustId, meetingId);
  }

  /** Creates the requests (once per person and meeting) and queues their cards. */
  async askPeople(meeting: RoundMeeting, personIds: string[] | null, source: AttendanceSource, note: string | null, confirmedBy: string | null): Promise<number> {
    const { db } = this.deps;
    const members = await this.members(meeting);
    const chosen = personIds ? members.filter((m) => personIds.includes(m.personId)) : members;
    for (let i = 0; i < chosen.length; i += 500) {
      await db
        .insert(feedbackRequests)
        .values(chosen.slice(i, i + 500).map((m) => ({ trustId: meeting.trustId, meetingId: meeting.id, communityId: meeting.communityId, personId: m.personId, academyId: m.academyId, meetingStartsAt: meeting.startsAt })))
        .onConflictDoNothing();
    }
    await db
      .update(feedbackRounds)
      .set({ status: 'asked', attendanceSource: source, attendanceNote: note, askedAt: this.deps.clock.now(), registerConfirmedBy: confirmedBy })
      .where(and(eq(feedbackRounds.meetingId, meeting.id), isNull(feedbackRounds.askedAt)));
    await this.deps.delivery.sendAsks(meeting.trustId);
    return chosen.length;
  }

  /** Members who attended according to Graph; every member when there is no report, with the reason kept. */
  private async attendeesOf(meeting: RoundMeeting): Promise<{ personIds: string[] | null; source: AttendanceSource; note: string | null }> {
    if (!this.deps.attendance) return { personIds: null, source: 'everyone', note: 'Attendance reports are not available in local mode.' };
    if (!meeting.joinUrl || !meeting.organizerAad) return { personIds: null, source: 'everyone', note: 'The meeting has no Teams join link or organiser, so there is no attendance report.' };
    const result = await this.deps.attendance.attendeesOf(meeting.organizerAad, meeting.joinUrl);
    if (!result.ok) return { personIds: null, source: 'everyone', note: result.message };
    const members = await this.members(meeting);
    const ids = new Set(result.attendees.map((a) => a.entraObjectId?.toLowerCase()).filter((v): v is string => v !== undefined));
    const emails = new Set(result.attendees.map((a) => a.email?.toLowerCase()).filter((v): v is string => v !== undefined));
    const attended = members.filter((m) => (m.aad !== null && ids.has(m.aad.toLowerCase())) || emails.has(m.email.toLowerCase()));
    return { personIds: attended.map((m) => m.personId), source: 'attendance_report', note: null };
  }

  private async members(meeting: RoundMeeting, role?: 'lead') {
    const day = londonDate(meeting.startsAt);
    return this.deps.db
      .selectDistinctOn([people.id], {
        personId: people.id,
        name: people.displayName,
        email: people.email,
        aad: people.entraObjectId,
        academyId: people.academyId,
        academy: academies.name,
      })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .leftJoin(academies, eq(academies.id, people.academyId))
      .where(
        and(
          eq(memberships.communityId, meeting.communityId),
          membershipCurrentOn(day),
          ...(role ? [eq(memberships.role, role)] : []),
        ),
      )
      .orderBy(asc(people.id));
  }

  private async loadMeeting(trustId: string, meetingId: string): Promise<RoundMeeting | null> {
    const [row] = await this.deps.db
      .select({
        id: meetings.id,
        trustId: meetings.trustId,
        communityId: meetings.communityId,
        communityName: communities.name,
        title: meetings.title,
        startsAt: meetings.startsAt,
        endsAt: meetings.endsAt,
        mode: meetings.mode,
        status: meetings.status,
        joinUrl: meetings.joinUrl,
        organizerAad: people.entraObjectId,
      })
      .from(meetings)
      .innerJoin(communities, eq(communities.id, meetings.communityId))
      .leftJoin(people, eq(people.id, meetings.organizerPersonId))
      .where(and(eq(meetings.trustId, trustId), eq(meetings.id, meetingId)));
    return row ?? null;
  }
}

