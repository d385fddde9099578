import type { Db } from '../core/db/database';
import type { Logger } from '../core/log/logger';
import type { FeedbackRounds } from '../core/feedback/feedback-rounds';
import type { Clock } from '../core/time/clock';
import type { MeetingEventService } from '../core/ways-of-working/meeting-events';
import type { MeetingOpeningService } from '../core/ways-of-working/meeting-opening';
import type { RelaunchService } from '../core/ways-of-working/relaunch';

/** What the bot needs from the rest of the app, injected by the composition root. */
export interface BotDependencies {
  db: Db;
  logger: Logger;
  clock: Clock;
  /** Where the "Open the app" buttons point. */
  tabUrl: string;
  /** Meeting events, the Ways of Working card and acknowledgements; absent where that feature is not wired. */
  waysOfWorking?: { events: MeetingEventService; opening: MeetingOpeningService; relaunch: RelaunchService };
  /** Confirms face-to-face registers from the leads' cards; absent where the feedback loop is not wired. */
  feedback?: FeedbackRounds;
}
