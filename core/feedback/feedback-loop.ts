import { z } from 'zod';
import type { Db } from '../db/database';
import type { AppInstaller } from '../graph/app-installer';
import type { AttendanceGateway } from '../graph/attendance-gateway';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../log/logger';
import type { CardSender } from '../messaging/card-sender';
import type { Clock } from '../time/clock';
import type { FeedbackCards } from './feedback-card-view';
import { FeedbackDelivery } from './feedback-delivery';
import { queueDueReminders, reminderScanQueue } from './feedback-reminders';
import { FeedbackRounds } from './feedback-rounds';
import type { FeedbackSettings } from './feedback-settings';

export const deliverySweepQueue = 'feedback-delivery-sweep';

export interface FeedbackLoopDeps {
  db: Db;
  jobs: JobQueue;
  sender: CardSender;
  cards: FeedbackCards;
  attendance: AttendanceGateway | null;
  installer: AppInstaller | null;
  clock: Clock;
  logger: Logger;
  settings: FeedbackSettings;
}

/** The feedback loop's background parts: rounds on meeting end, card delivery, reminders and crash repair. */
export class FeedbackLoop {
  readonly delivery: FeedbackDelivery;
  readonly rounds: FeedbackRounds;

  constructor(private readonly deps: FeedbackLoopDeps) {
    const logger = deps.logger.child({ component: 'feedback' });
    this.delivery = new FeedbackDelivery({ ...deps, logger });
    this.rounds = new FeedbackRounds({ ...deps, logger, delivery: this.delivery });
  }

  /** Registers every feedback queue and schedule; call before `jobs.start()`. */
  async register(): Promise<void> {
    const { jobs } = this.deps;
    await this.delivery.register();
    await this.rounds.register();
    await jobs.register(reminderScanQueue, z.object({}), async () => {
      const queued = await queueDueReminders(this.deps);
      if (queued > 0) this.deps.logger.info({ queued }, 'feedback reminders queued');
    }, { singletons: 'one-queued-one-running' });
    await jobs.register(deliverySweepQueue, z.object({}), async () => {
      const swept = await this.delivery.sweep();
      if (swept.inDoubt > 0) this.deps.logger.warn(swept, 'feedback delivery repaired after a stop');
    }, { singletons: 'one-queued-one-running' });
    // Reminders go out at 09:00 on weekdays; the school-day count skips holidays.
    await jobs.schedule(reminderScanQueue, '0 9 * * 1-5', {}, { tz: 'Europe/London' });
    await jobs.schedule(deliverySweepQueue, '*/5 * * * *', {}, { tz: 'Europe/London' });
  }
}
