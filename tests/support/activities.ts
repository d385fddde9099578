import crypto from 'node:crypto';

/** Builders of Teams activities shaped as Teams sends them (Bot Framework v3 schema). */
export interface ActivityPerson {
  aadObjectId: string;
  name: string;
  /** The Teams user id (`29:...`); derived from the object id when omitted. */
  id?: string;
}

export interface ActivityContext {
  serviceUrl: string;
  tenantId: string;
  botId?: string;
}

const botAccount = (botId: string) => ({ id: botId, name: 'Trust Communities' });
const teamsUserId = (person: ActivityPerson) => person.id ?? `29:${person.aadObjectId}`;
export const personalConversationId = (person: ActivityPerson) => `a:personal-${person.aadObjectId}`;

function base(ctx: ActivityContext, person: ActivityPerson) {
  return {
    id: `f:${crypto.randomUUID()}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl: ctx.serviceUrl,
    channelId: 'msteams',
    from: { id: teamsUserId(person), name: person.name, aadObjectId: person.aadObjectId },
    conversation: { id: personalConversationId(person), conversationType: 'personal', tenantId: ctx.tenantId },
    recipient: botAccount(ctx.botId ?? '28:trust-communities-bot'),
    locale: 'en-GB',
    channelData: { tenant: { id: ctx.tenantId } },
  };
}

export function personalMessage(ctx: ActivityContext, person: ActivityPerson, text: string) {
  return { ...base(ctx, person), type: 'message', text, textFormat: 'plain' };
}

export function personalInstall(ctx: ActivityContext, person: ActivityPerson) {
  return { ...base(ctx, person), type: 'installationUpdate', action: 'add' };
}

export function botAddedToPersonalChat(ctx: ActivityContext, person: ActivityPerson) {
  const activity = base(ctx, person);
  return { ...activity, type: 'conversationUpdate', membersAdded: [activity.recipient] };
}

export function cardAction(ctx: ActivityContext, person: ActivityPerson, verb: string, data: Record<string, unknown> = {}) {
  return {
    ...base(ctx, person),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
