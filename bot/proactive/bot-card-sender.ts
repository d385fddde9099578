import { CardFactory, TurnContext, type Activity, type CloudAdapter, type ConversationParameters, type ConversationReference } from 'botbuilder';
import { saveConversationReference, findConversationReference } from '../../core/conversations/conversation-references';
import { findDeliveryRecipient } from '../../core/conversations/delivery-lookup';
import type { Db } from '../../core/db/database';
import type { Logger } from '../../core/log/logger';
import type { AdaptiveCard, CardSender, DeliveryOutcome } from '../../core/messaging/card-sender';
import type { ConnectorClient } from 'botframework-connector';
import { connectorFailure } from './connector-failure';

export interface BotCardSenderOptions {
  adapter: CloudAdapter;
  db: Db;
  logger: Logger;
  /** The bot's Entra app id ('' in local mode, where the connector takes no token). */
  botAppId: string;
  /** Service URL for a first conversation in a tenant we hold no reference for yet. */
  defaultServiceUrl: string;
}

/** Bot Framework's audience for outbound connector tokens in the public cloud. */
const connectorAudience = 'https://api.botframework.com';

/**
 * Proactive cards over botbuilder's CloudAdapter. Every failure comes back as a DeliveryOutcome:
 * errors are caught inside the turn logic, because CloudAdapter would otherwise hand them to
 * `onTurnError`, which answers the conversation with an apology.
 */
export class BotCardSender implements CardSender {
  constructor(private readonly options: BotCardSenderOptions) {}

  async postToConversation(conversationId: string, card: AdaptiveCard, options: { summary?: string } = {}): Promise<DeliveryOutcome> {
    const stored = await findConversationReference(this.options.db, conversationId);
    if (!stored) return { ok: false, reason: 'uninstalled', message: `No conversation reference is stored for ${conversationId}: the app was never added there.` };
    return this.continueWith(stored.reference, (context) => this.sendIn(context, card, options));
  }

  async updateCard(conversationId: string, activityId: string, card: AdaptiveCard): Promise<DeliveryOutcome> {
    const stored = await findConversationReference(this.options.db, conversationId);
    if (!stored) return { ok: false, reason: 'uninstalled', message: `No conversation reference is stored for ${conversationId}.` };
    return this.continueWith(stored.reference, async (context) => {
      await context.updateActivity({ id: activityId, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
      return { ok: true, conversationId, activityId };
    });
  }

  async sendToPerson(trustId: string, personId: string, card: AdaptiveCard, options: { summary?: string } = {}): Promise<DeliveryOutcome> {
    const recipient = await findDeliveryRecipient(this.options.db, trustId, personId);
    if (!recipient) return { ok: false, reason: 'not_found', message: `Person ${personId} is not in this trust's directory.` };
    if (recipient.personalConversation) return this.continueWith(recipient.personalConversation.reference, (context) => this.sendIn(context, card, options));
    if (!recipient.entraObjectId) {
      return { ok: false, reason: 'uninstalled', message: 'This person has no Microsoft 365 account on record and has never spoken to the bot, so no chat can be started.' };
    }
    const template = recipient.tenantTemplate as Partial<ConversationReference> | null;
    const serviceUrl = template?.serviceUrl ?? this.options.defaultServiceUrl;
    const bot = template?.bot ?? { id: `28:${this.options.botAppId}`, name: 'Trust Communities' };
    const parameters = {
      isGroup: false,
      bot,
      members: [{ id: recipient.entraObjectId, aadObjectId: recipient.entraObjectId }],
      tenantId: recipient.tenantId,
      channelData: { tenant: { id: recipient.tenantId } },
    } as unknown as ConversationParameters;
    let outcome: DeliveryOutcome | undefined;
    try {
      await this.options.adapter.createConversationAsync(this.options.botAppId, 'msteams', serviceUrl, connectorAudience, parameters, async (context) => {
        const reference = TurnContext.getConversationReference(context.activity);
        await saveConversationReference(this.options.db, {
          tenantId: recipient.tenantId,
          conversationId: context.activity.conversation.id,
          kind: 'personal',
          trustId,
          personId,
          aadObjectId: recipient.entraObjectId,
          reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
        });
        outcome = await this.sendIn(context, card, options);
      });
    } catch (error) {
      return this.failed(error, 'create a personal chat');
    }
    return outcome ?? { ok: false, reason: 'transient', message: 'The new personal chat gave no result.' };
  }

  private async sendIn(context: TurnContext, card: AdaptiveCard, options: { summary?: string }): Promise<DeliveryOutcome> {
    try {
      // Straight to the connector: TurnContext.sendActivity would make it a reply to the continuation
      // activity, which in a channel opens a thread under an old post instead of a new message.
      const connector = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
      const conversationId = context.activity.conversation.id;
      const sent = await connector.conversations.sendToConversation(conversationId, {
        type: 'message',
        from: context.activity.recipient,
        conversation: context.activity.conversation,
        attachments: [CardFactory.adaptiveCard(card)],
        ...(options.summary ? { summary: options.summary } : {}),
      } as Partial<Activity> as Activity);
      return { ok: true, conversationId, activityId: sent.id ?? '' };
    } catch (error) {
      return this.failed(error, 'send a card');
    }
  }

  private async continueWith(reference: Record<string, unknown>, logic: (context: TurnContext) => Promise<DeliveryOutcome>): Promise<DeliveryOutcome> {
    const conversation = reference as Partial<ConversationReference>;
    let outcome: DeliveryOutcome | undefined;
    try {
      await this.options.adapter.continueConversationAsync(this.options.botAppId, conversation, async (context) => {
        try {
          outcome = await logic(context);
        } catch (error) {
          outcome = this.failed(error, 'send to a stored conversation');
        }
      });
    } catch (error) {
      return this.failed(error, 'resume a stored conversation');
    }
    return outcome ?? { ok: false, reason: 'transient', message: 'The proactive turn gave no result.' };
  }

  private failed(error: unknown, doing: string): DeliveryOutcome {
    const failure = connectorFailure(error);
    this.options.logger.warn({ reason: failure.reason, retryAfterMs: failure.retryAfterMs, problem: failure.message }, `could not ${doing}`);
    return failure;
  }
}
