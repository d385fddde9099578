import type { TurnContext } from 'botbuilder';
import type { Db } from '../core/db/database';
import { findCaller, type TurnCaller } from '../core/directory/find-caller';

export type Caller = TurnCaller;

/** The tenant of a turn: Teams puts it on the conversation and in channelData. */
export function tenantIdOf(context: TurnContext): string | undefined {
  const channelData = context.activity.channelData as { tenant?: { id?: string } } | undefined;
  return context.activity.conversation?.tenantId ?? channelData?.tenant?.id;
}

/** Who is speaking, as our directory knows them; null when the tenant is not a trust we serve. */
export async function resolveCaller(db: Db, context: TurnContext): Promise<Caller | null> {
  const tenantId = tenantIdOf(context);
  if (!tenantId) return null;
  return findCaller(db, tenantId, context.activity.from?.aadObjectId);
}
