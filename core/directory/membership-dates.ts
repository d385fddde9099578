import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { memberships } from '../db/schema';

/**
 * A membership current on a London calendar date (YYYY-MM-DD). Both ends count: `toDate` is the
 * last day of membership, so a one-day membership (from and to the same day), which the import
 * accepts, is current on that day. Every feature decides membership with this one rule.
 */
export function membershipCurrentOn(date: string | SQLWrapper): SQL {
  return sql`(${memberships.fromDate} <= ${date} and (${memberships.toDate} is null or ${memberships.toDate} >= ${date}))`;
}
