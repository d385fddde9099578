import type { TurnContext } from 'botbuilder';
import { findPersonByAadObjectId, findTrustByTenantId } from '../core/directory/people-directory';
import type { Db } from '../core/db/database';

export interface Caller {
  trust: { id: string; name: string; tenantId: string };
  person: { id: string; displayName: string } | null;
}

/** The tenant of a turn: Teams puts it on the conversation and in channelData. */
export function tenantIdOf(context: TurnContext): string | undefined {
  const channelData = context.activity.channelData as { tenant?: { id?: string } } | undefined;
  return context.activity.conversation?.tenantId ?? channelData?.tenant?.id;
}

/** Who is speaking, as our directory knows them; null when the tenant is not a trust we serve. */
export async function resolveCaller(db: Db, context: TurnContext): Promise<Caller | null> {
  const tenantId = tenantIdOf(context);
  if (!tenantId) return null;
  const trust = await findTrustByTenantId(db, tenantId);
  if (!trust) return null;
  const aadObjectId = context.activity.from?.aadObjectId;
  const person = aadObjectId ? await findPersonByAadObjectId(db, trust.id, aadObjectId) : null;
  return {
    trust: { id: trust.id, name: trust.name, tenantId: trust.tenantId },
    person: person ? { id: person.id, displayName: person.displayName } : null,
  };
}
