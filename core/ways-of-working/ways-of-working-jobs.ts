import { z } from 'zod';
import type { Db } from '../db/database';
import type { ChatAppInstaller } from '../graph/chat-app-installer';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../log/logger';
import type { MeetingEnded, MeetingEndListener } from '../meetings/meeting-ended';
import type { Clock } from '../time/clock';
import { reportMeetingEnd } from './meeting-lifecycle';
import type { MeetingOpeningService } from './meeting-opening';
import type { RelaunchService } from './relaunch';
import { installIntoMeetingChat, meetingsDueOpening, meetingsNeedingChatInstall, reportScheduledEnds, type SweepSettings } from './meeting-sweep';

/** Every minute: fallback cards, scheduled ends and chat installs that are due. */
export const meetingSweepQueue = 'ways-of-working-sweep';
export const openMeetingQueue = 'ways-of-working-open-meeting';
export const installChatAppQueue = 'ways-of-working-install-chat-app';
/** One meeting's end, told to the meeting-end listeners once; keyed by meeting so duplicates wait their turn. */
export const meetingEndedQueue = 'ways-of-working-meeting-ended';
export const meetingSweepCron = '* * * * *';
/** Hourly in the working day: relaunches whose date has come, and reminders that are due. */
export const relaunchQueue = 'ways-of-working-relaunch';
export const relaunchSendQueue = 'ways-of-working-relaunch-send';
export const relaunchCron = '0 8-18 * * *';

const openSchema = z.object({ meetingId: z.uuid(), trigger: z.enum(['fallback', 'manual', 'start_event']) });
const installSchema = z.object({ meetingId: z.uuid() });
const endedSchema = z.object({ trustId: z.uuid(), meetingId: z.uuid(), endedAt: z.iso.datetime(), source: z.enum(['teams_end_event', 'scheduled_end']) });

/** What the bot's end-event handler calls: the end goes on the queue, and the turn answers at once. */
export function announceEndVia(jobs: JobQueue): (event: MeetingEnded) => Promise<void> {
  return async (event) => {
    await jobs.send(meetingEndedQueue, { ...event, endedAt: event.endedAt.toISOString() }, { singletonKey: event.meetingId });
  };
}
const relaunchSendSchema = z.object({ relaunchId: z.uuid(), personId: z.uuid(), kind: z.enum(['launch', 'reminder']) });

export interface WaysOfWorkingJobDeps {
  db: Db;
  logger: Logger;
  clock: Clock;
  opening: MeetingOpeningService;
  relaunch: RelaunchService;
  /** Read when an end is reported, so listeners added after registration (feedback) still hear it. */
  endListeners: readonly MeetingEndListener[];
  settings: SweepSettings;
  /** Unset in local mode, where there is no Graph to install through. */
  installer?: ChatAppInstaller;
}

export async function registerWaysOfWorkingJobs(jobs: JobQueue, deps: WaysOfWorkingJobDeps): Promise<void> {
  await jobs.register(
    openMeetingQueue,
    openSchema,
    async ({ meetingId, trigger }) => {
      const result = await deps.opening.open(meetingId, trigger);
      // Teams throttled or failed for now: let the queue retry with backoff; the claim stays exactly-once.
      if (result.status === 'not_sent' && result.retryable) throw new Error(result.message);
    },
    { singletons: 'one-queued-one-running', retryLimit: 5, retryDelaySeconds: 20, retryBackoff: true, concurrency: 4, expireInSeconds: 5 * 60 },
  );
  await jobs.register(
    meetingEndedQueue,
    endedSchema,
    async (event) => {
      await reportMeetingEnd(deps.db, deps.endListeners, deps.logger, { ...event, endedAt: new Date(event.endedAt) }, deps.clock.now());
    },
    { singletons: 'one-queued-one-running', retryLimit: 5, retryDelaySeconds: 30, retryBackoff: true },
  );
  if (deps.installer) {
    const installer = deps.installer;
    await jobs.register(installChatAppQueue, installSchema, async ({ meetingId }) => installIntoMeetingChat(deps.db, installer, deps.logger, meetingId, deps.clock.now()), {
      singletons: 'one-queued-one-running',
      retryLimit: 5,
      retryDelaySeconds: 60,
      retryBackoff: true,
    });
  }
  await jobs.register(
    meetingSweepQueue,
    z.object({}),
    async () => {
      const now = deps.clock.now();
      for (const meetingId of await meetingsDueOpening(deps.db, now, deps.settings)) {
        await jobs.send(openMeetingQueue, { meetingId, trigger: 'fallback' }, { singletonKey: meetingId });
      }
      await reportScheduledEnds(deps.db, deps.endListeners, deps.logger, now, deps.settings);
      if (deps.installer) {
        for (const meetingId of await meetingsNeedingChatInstall(deps.db, now)) await jobs.send(installChatAppQueue, { meetingId }, { singletonKey: meetingId });
      }
    },
    { singletons: 'one-queued-one-running', retryLimit: 1, expireInSeconds: 5 * 60 },
  );
  await jobs.schedule(meetingSweepQueue, meetingSweepCron, {}, { tz: 'Europe/London' });

  await jobs.register(relaunchSendQueue, relaunchSendSchema, async ({ relaunchId, personId, kind }) => deps.relaunch.send(relaunchId, personId, kind), {
    singletons: 'one-queued-one-running',
    retryLimit: 5,
    retryDelaySeconds: 30,
    retryBackoff: true,
    concurrency: 4,
  });
  await jobs.register(
    relaunchQueue,
    z.object({}),
    async () => {
      for (const r of await deps.relaunch.launchDue()) await jobs.send(relaunchSendQueue, { ...r, kind: 'launch' }, { singletonKey: `${r.relaunchId}:${r.personId}:launch` });
      for (const r of await deps.relaunch.remindersDue()) await jobs.send(relaunchSendQueue, { ...r, kind: 'reminder' }, { singletonKey: `${r.relaunchId}:${r.personId}:reminder` });
    },
    { singletons: 'one-queued-one-running', retryLimit: 2, expireInSeconds: 10 * 60 },
  );
  await jobs.schedule(relaunchQueue, relaunchCron, {}, { tz: 'Europe/London' });
}
