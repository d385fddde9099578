import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { trusts } from '../db/schema';
import type { ChatAppInstaller } from '../graph/chat-app-installer';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../log/logger';
import type { MeetingEndListener } from '../meetings/meeting-ended';
import type { CardSender } from '../messaging/card-sender';
import type { Clock } from '../time/clock';
import { loadDefaultFrameworkIfMissing } from './content';
import { MeetingEventService } from './meeting-events';
import { MeetingOpeningService, type WaysOfWorkingCards } from './meeting-opening';
import type { SweepSettings } from './meeting-sweep';
import { RelaunchService, type RelaunchCards } from './relaunch';
import { announceEndVia, registerWaysOfWorkingJobs } from './ways-of-working-jobs';

export interface WaysOfWorking {
  events: MeetingEventService;
  opening: MeetingOpeningService;
  relaunch: RelaunchService;
}

export interface WaysOfWorkingSetup {
  db: Db;
  logger: Logger;
  clock: Clock;
  jobs: JobQueue;
  cardSender: CardSender;
  cards: WaysOfWorkingCards & RelaunchCards;
  tabUrl: string;
  settings: SweepSettings;
  /** The composition root's list: the feedback loop adds its listener, and each end is reported to all of them once. */
  endListeners: readonly MeetingEndListener[];
  installer?: ChatAppInstaller;
}

/** Builds the Ways of Working services and registers their jobs (call before the job queue starts). */
export async function setUpWaysOfWorking(setup: WaysOfWorkingSetup): Promise<WaysOfWorking> {
  const opening = new MeetingOpeningService({
    db: setup.db,
    cardSender: setup.cardSender,
    cards: setup.cards,
    clock: setup.clock,
    logger: setup.logger,
    tabUrl: setup.tabUrl,
    instanceId: `instance-${randomUUID()}`,
  });
  const events = new MeetingEventService({ db: setup.db, logger: setup.logger, clock: setup.clock, opening, announceEnd: announceEndVia(setup.jobs) });
  const relaunch = new RelaunchService({ db: setup.db, clock: setup.clock, logger: setup.logger, cardSender: setup.cardSender, cards: setup.cards, tabUrl: setup.tabUrl });
  await registerWaysOfWorkingJobs(setup.jobs, { db: setup.db, logger: setup.logger, clock: setup.clock, opening, relaunch, endListeners: setup.endListeners, settings: setup.settings, installer: setup.installer });
  return { events, opening, relaunch };
}

/** Local mode and the demo: every trust without a framework gets the shipped wording. */
export async function loadDemoWaysOfWorking(db: Db): Promise<void> {
  for (const trust of await db.select({ id: trusts.id }).from(trusts)) await loadDefaultFrameworkIfMissing(db, trust.id);
}
