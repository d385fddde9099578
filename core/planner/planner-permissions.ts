import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { communities, memberships, people, personRoles } from '../db/schema';
import { membershipCurrentOn } from '../directory/membership-dates';
import { londonDate } from '../time/london-clock';
import { AppError, forbidden, notFound } from '../errors';

/** Who may do what in the year planner. Every check is scoped by trust and made on the server. */

export type PlannerRole = 'lead' | 'pd_director';

export interface PlannableCommunity {
  id: string;
  name: string;
  kind: (typeof communities.$inferSelect)['kind'];
  role: PlannerRole;
}

export async function hasTrustRole(db: Db, trustId: string, personId: string, role: 'trust_admin' | 'pd_director'): Promise<boolean> {
  const [row] = await db
    .select({ id: personRoles.id })
    .from(personRoles)
    .where(and(eq(personRoles.trustId, trustId), eq(personRoles.personId, personId), eq(personRoles.role, role)))
    .limit(1);
  return row !== undefined;
}

/** Memberships current on the London date of `now`. */
export function currentMembership(now: Date) {
  return membershipCurrentOn(londonDate(now));
}

/** Communities the person may plan: those they currently lead, and every community for the PD director. */
export async function plannableCommunities(db: Db, trustId: string, personId: string, now: Date): Promise<PlannableCommunity[]> {
  const led = await db
    .selectDistinct({ id: communities.id })
    .from(memberships)
    .innerJoin(communities, eq(communities.id, memberships.communityId))
    .where(and(eq(memberships.trustId, trustId), eq(memberships.personId, personId), eq(memberships.role, 'lead'), currentMembership(now)));
  const ledIds = new Set(led.map((row) => row.id));
  const director = await hasTrustRole(db, trustId, personId, 'pd_director');
  const rows = await db
    .select({ id: communities.id, name: communities.name, kind: communities.kind })
    .from(communities)
    .where(eq(communities.trustId, trustId))
    .orderBy(asc(communities.name));
  return rows
    .filter((row) => director || ledIds.has(row.id))
    .map((row) => ({ ...row, role: ledIds.has(row.id) ? ('lead' as const) : ('pd_director' as const) }));
}

/** The community, if the person may plan its meetings; 404 for a community outside the trust, 403 otherwise. */
export async function requirePlanner(db: Db, trustId: string, personId: string, communityId: string, now: Date): Promise<PlannableCommunity> {
  const [community] = await db
    .select({ id: communities.id, name: communities.name, kind: communities.kind })
    .from(communities)
    .where(and(eq(communities.trustId, trustId), eq(communities.id, communityId)));
  if (!community) throw notFound('The community');
  const [lead] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.trustId, trustId),
        eq(memberships.communityId, communityId),
        eq(memberships.personId, personId),
        eq(memberships.role, 'lead'),
        currentMembership(now),
      ),
    )
    .limit(1);
  if (lead) return { ...community, role: 'lead' };
  if (await hasTrustRole(db, trustId, personId, 'pd_director')) return { ...community, role: 'pd_director' };
  throw forbidden(`Only the leads of ${community.name} and the PD director can plan its meetings.`);
}

export async function requireTrustAdmin(db: Db, trustId: string, personId: string, what: string): Promise<void> {
  if (!(await hasTrustRole(db, trustId, personId, 'trust_admin'))) throw forbidden(`Only trust administrators can ${what}.`);
}

/** The community's current leads, earliest appointed first: the first organises its meetings in Outlook. */
export async function currentLeads(db: Db, trustId: string, communityId: string, now: Date) {
  return db
    .select({ id: people.id, displayName: people.displayName, email: people.email, entraObjectId: people.entraObjectId })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.trustId, trustId), eq(memberships.communityId, communityId), eq(memberships.role, 'lead'), currentMembership(now)))
    .orderBy(asc(memberships.fromDate), asc(people.displayName));
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireUuid(value: string, what: string): void {
  if (!uuidPattern.test(value)) throw new AppError('not_found', `${what} was not found.`, 404);
}
