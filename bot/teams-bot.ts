import {
  CardFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import { saveConversationReference, deleteConversationReference } from '../core/conversations/conversation-references';
import type { BotDependencies } from './bot-dependencies';
import { createCardActionRegistry, notInDirectoryMessage } from './card-actions/card-action-registry';
import { executeInvokeSchema } from './card-actions/invoke-value';
import type { CardAction } from './card-actions/card-action';
import { messageCard } from './cards/message-card';
import type { AdaptiveCard } from './cards/render-card';
import { welcomeCard } from './cards/welcome-card';
import { createCommandRegistry } from './commands/command-registry';
import { resolveCaller, tenantIdOf, type Caller } from './turn-caller';
import { conversationKindOf } from './conversation-kind';
import { linkMeetingChatOnAdd } from './meetings/meeting-chat-added';
import { onMeetingEnd, onMeetingStart, readableMeetingEvent } from './meetings/meeting-events';

const unknownTrustMessage =
  'This app is not set up for your organisation yet. Ask your trust\'s Teams administrator to finish setting up Trust Communities.';

/** Dispatches Teams activities to the command and card-action handlers; holds no feature logic itself. */
export class TrustCommunitiesBot extends TeamsActivityHandler {
  private readonly registry = createCommandRegistry();
  private readonly cardActions: Map<string, CardAction>;

  constructor(private readonly deps: BotDependencies) {
    super();
    this.cardActions = createCardActionRegistry(this.registry.commands);

    this.onMessage(async (context, next) => {
      const { caller } = await this.rememberConversation(context, { trustRecent: true });
      await this.handleText(context, caller);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcomeOnce(context);
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      await deleteConversationReference(this.deps.db, context.activity.conversation.id);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) {
        const caller = await this.welcomeOnce(context);
        await linkMeetingChatOnAdd(context, this.deps, caller);
      }
      await next();
    });

    this.onTeamsMeetingStartEvent(async (meeting, context, next) => {
      await onMeetingStart(meeting, context, this.deps);
      await next();
    });

    this.onTeamsMeetingEndEvent(async (meeting, context, next) => {
      await onMeetingEnd(meeting, context, this.deps);
      await next();
    });
  }

  /** botbuilder's own parse of a meeting event throws on a missing field; unreadable events are logged and ignored instead. */
  protected override async onTeamsMeetingStart(context: TurnContext): Promise<void> {
    if (readableMeetingEvent(context, this.deps)) await super.onTeamsMeetingStart(context);
  }

  protected override async onTeamsMeetingEnd(context: TurnContext): Promise<void> {
    if (readableMeetingEvent(context, this.deps)) await super.onTeamsMeetingEnd(context);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const invoke = executeInvokeSchema.safeParse(invokeValue);
    const caller = invoke.success ? await resolveCaller(this.deps.db, context) : null;
    const action = invoke.success ? this.cardActions.get(invoke.data.action.verb) : undefined;
    let card: AdaptiveCard;
    if (!invoke.success) {
      this.deps.logger.warn({ problems: invoke.error.issues.map((i) => i.message) }, 'unreadable card action');
      card = messageCard({ title: 'This card could not be read', message: 'Type **help** to start again.' });
    } else if (!caller) {
      card = messageCard({ title: 'Not set up yet', message: unknownTrustMessage });
    } else if (!action) {
      this.deps.logger.warn({ verb: invoke.data.action.verb }, 'card action with an unknown verb');
      card = messageCard({ title: 'This button no longer works', message: 'This card is out of date. Type **help** to start again.' });
    } else {
      card = await action.handle({ context, caller, deps: this.deps, data: invoke.data.action.data ?? {} });
    }
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  }

  /** `caller` is the one `rememberConversation` resolved, so a message turn looks the caller up once. */
  private async handleText(context: TurnContext, caller: Caller | null): Promise<void> {
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    if (!caller) {
      await context.sendActivity(unknownTrustMessage);
      return;
    }
    const command = this.registry.find(text);
    if (!command) {
      await context.sendActivity(
        text.trim() === ''
          ? 'Type **help** to see what I can do.'
          : `Sorry, I don't know "${text.trim().slice(0, 60)}". Type **help** to see what I can do, or try **my communities**.`,
      );
      return;
    }
    if (command.needsPerson && !caller.person) {
      await context.sendActivity(notInDirectoryMessage(caller.trust.name));
      return;
    }
    await command.handle({ context, caller, deps: this.deps });
  }

  /** Stores the reference and sends the welcome card, only the first time the bot meets this conversation. */
  private async welcomeOnce(context: TurnContext): Promise<Caller | null> {
    const { created, caller } = await this.rememberConversation(context);
    if (!created) return caller;
    await context.sendActivity({
      attachments: [CardFactory.adaptiveCard(welcomeCard({ trustName: caller?.trust.name ?? 'Your trust', tabUrl: this.deps.tabUrl }))],
    });
    return caller;
  }

  /** `trustRecent` for message turns only: install and add events always read what is stored, since an uninstall elsewhere may have removed it. */
  private async rememberConversation(context: TurnContext, options: { trustRecent?: boolean } = {}): Promise<{ created: boolean; caller: Caller | null }> {
    const caller = await resolveCaller(this.deps.db, context);
    const tenantId = tenantIdOf(context);
    if (!tenantId) return { created: false, caller };
    const reference = TurnContext.getConversationReference(context.activity);
    const created = await saveConversationReference(this.deps.db, {
      tenantId,
      conversationId: context.activity.conversation.id,
      kind: conversationKindOf(context.activity),
      trustId: caller?.trust.id ?? null,
      personId: caller?.person?.id ?? null,
      aadObjectId: context.activity.from?.aadObjectId ?? null,
      reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
    }, options);
    return { created, caller };
  }
}
