/**
 * Proactive Adaptive Card delivery in our own words, so `core/` never sees botbuilder. The bot
 * folder implements it over the Bot Connector; features (Ways of Working, feedback,
 * self-assessment) depend only on this. A sender never retries by itself: it reports what
 * happened and the caller's durable queue decides, honouring `retryAfterMs`.
 */
export type AdaptiveCard = Record<string, unknown>;

export type DeliveryFailureReason =
  /** 403 "user blocked the bot" or the app was uninstalled: final. */
  | 'blocked'
  /** 403 "bot not in roster", or the tenant disabled the bot: final. */
  | 'forbidden'
  /** 404: the conversation or user no longer exists: final. */
  | 'not_found'
  /** No stored conversation and none could be created (app not installed for the person): final. */
  | 'uninstalled'
  /** 429: try again after `retryAfterMs`. */
  | 'throttled'
  /** 5xx, 412, timeouts, dropped connections: try again later. */
  | 'transient';

export type DeliveryOutcome =
  | { ok: true; conversationId: string; activityId: string }
  | { ok: false; reason: DeliveryFailureReason; message: string; retryAfterMs?: number };

export const finalFailures: ReadonlySet<DeliveryFailureReason> = new Set(['blocked', 'forbidden', 'not_found', 'uninstalled']);

export interface CardSender {
  /** Posts a card into a conversation whose reference we stored (channel, meeting chat, group chat or personal chat). */
  postToConversation(conversationId: string, card: AdaptiveCard, options?: { summary?: string }): Promise<DeliveryOutcome>;
  /** Replaces a card we posted earlier. */
  updateCard(conversationId: string, activityId: string, card: AdaptiveCard): Promise<DeliveryOutcome>;
  /**
   * Sends a card to one person in their personal chat with the bot, creating that conversation
   * from the trust's tenant when no reference is stored yet.
   */
  sendToPerson(trustId: string, personId: string, card: AdaptiveCard, options?: { summary?: string }): Promise<DeliveryOutcome>;
}
