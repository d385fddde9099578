import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { people } from '../db/schema';
import type { AppInstaller } from '../graph/app-installer';
import type { AdaptiveCard, CardSender, DeliveryOutcome } from '../messaging/card-sender';

export interface CardSendingDeps {
  db: Db;
  sender: CardSender;
  /** Absent in local mode: a person without a conversation is then recorded as uninstalled. */
  installer: AppInstaller | null;
}

/**
 * Sends; when the person has no conversation with the bot, installs the app for them through Graph and tries once more.
 * `personalChatId`: the person's personal chat when the caller has already read it, which spares the sender its lookup.
 */
export async function sendWithInstall(deps: CardSendingDeps, trustId: string, personId: string, card: AdaptiveCard, summary: string, personalChatId: string | null = null): Promise<DeliveryOutcome> {
  // A chat that has gone since it was read (an uninstall) answers "uninstalled", like a person without one.
  const first = personalChatId ? await deps.sender.postToConversation(personalChatId, card, { summary }) : await deps.sender.sendToPerson(trustId, personId, card, { summary });
  if (first.ok || first.reason !== 'uninstalled' || !deps.installer) return first;
  const [person] = await deps.db.select({ aad: people.entraObjectId }).from(people).where(eq(people.id, personId));
  if (!person?.aad) return { ok: false, reason: 'uninstalled', message: 'The person has no Entra object id, so the app cannot be installed for them.' };
  const installed = await deps.installer.installForUser(person.aad);
  if (!installed.ok) return { ok: false, reason: 'uninstalled', message: installed.message };
  return deps.sender.sendToPerson(trustId, personId, card, { summary });
}

/**
 * Teams' Retry-After when it gave one; otherwise back-off with jitter from a quarter of a second,
 * four times longer each try, at most a minute (0.25, 1, 4, 16, 60 s): a passing 5xx costs a card
 * a moment, not seconds, and an outage is still waited out for minutes before a card gives up.
 */
export function retryDelayMs(outcome: Extract<DeliveryOutcome, { ok: false }>, attempt: number): number {
  if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > 0) return outcome.retryAfterMs;
  return Math.min(60_000, 250 * 4 ** Math.max(0, attempt - 1)) * (0.75 + Math.random() * 0.5);
}
