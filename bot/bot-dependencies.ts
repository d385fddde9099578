import type { Db } from '../core/db/database';
import type { Logger } from '../core/log/logger';
import type { Clock } from '../core/time/clock';

/** What the bot needs from the rest of the app, injected by the composition root. */
export interface BotDependencies {
  db: Db;
  logger: Logger;
  clock: Clock;
  /** Where the "Open the app" buttons point. */
  tabUrl: string;
}
