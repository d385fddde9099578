import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { preparedPerDatabase } from '../db/prepared-statements';
import { people, trusts } from '../db/schema';

export interface TurnCaller {
  trust: { id: string; name: string; tenantId: string };
  person: { id: string; displayName: string } | null;
}

/**
 * How long a caller who was found is remembered in this process. The answer only maps an Entra
 * object id to our person id and two display names; every decision about what the person may do
 * (memberships, leads, trust roles) is read from the database by the handler, with that person id,
 * on every turn. People are never deleted (an import updates them in place), so the worst a stale
 * answer can do is show a name that was changed in the last few seconds, or keep recognising an
 * object id that an import moved to another person for that long. Callers who were not found are
 * never cached: someone just added to the directory is recognised on their next turn.
 */
export const callerCacheTtlMs = 5_000;
/** Enough for every active person of a large trust; past it the oldest entry goes first. */
const maxCachedCallers = 20_000;

interface CachedCaller {
  caller: TurnCaller;
  expiresAt: number;
}

/** One cache per database, so two apps (or two tests) in one process never share answers. */
const cachesByDb = new WeakMap<Db, Map<string, CachedCaller>>();
/** The hottest lookup in the app, prepared. */
const preparedLookup = preparedPerDatabase((db) =>
  db
    .select({
      trustId: trusts.id,
      trustName: trusts.name,
      tenantId: trusts.tenantId,
      personId: people.id,
      personName: people.displayName,
    })
    .from(trusts)
    .leftJoin(people, and(eq(people.trustId, trusts.id), eq(people.entraObjectId, sql.placeholder('aadObjectId'))))
    .where(eq(trusts.tenantId, sql.placeholder('tenantId')))
    .limit(1)
    .prepare('find_caller'),
);

/**
 * The trust of a tenant and the person with this Entra object id, in one round trip: every bot
 * turn starts here, so it is the hottest query in the app. Null when the tenant is not a trust.
 * A caller who was found is served from memory for `callerCacheTtlMs` (see there for why that is safe).
 */
export async function findCaller(db: Db, tenantId: string, aadObjectId: string | undefined, now: number = Date.now()): Promise<TurnCaller | null> {
  const objectId = (aadObjectId ?? '').toLowerCase();
  const key = `${tenantId}\n${objectId}`;
  let cache = cachesByDb.get(db);
  const cached = cache?.get(key);
  if (cached && cached.expiresAt > now) return cached.caller;

  const rows = await preparedLookup(db).execute({ tenantId, aadObjectId: objectId });
  const row = rows[0];
  if (!row) return null;
  const caller: TurnCaller = {
    trust: { id: row.trustId, name: row.trustName, tenantId: row.tenantId },
    person: row.personId && row.personName ? { id: row.personId, displayName: row.personName } : null,
  };
  if (!cache) {
    cache = new Map();
    cachesByDb.set(db, cache);
  }
  if (caller.person) {
    cache.delete(key);
    if (cache.size >= maxCachedCallers) cache.delete(cache.keys().next().value as string);
    cache.set(key, { caller, expiresAt: now + callerCacheTtlMs });
  } else {
    cache.delete(key);
  }
  return caller;
}
