import type { Activity } from 'botbuilder';
import type { ConversationKind } from '../core/conversations/conversation-references';

/** Teams tells the kind of conversation in `conversationType`; meeting chats also carry `channelData.meeting`. */
export function conversationKindOf(activity: Partial<Activity>): ConversationKind {
  const channelData = activity.channelData as { meeting?: { id?: string } } | undefined;
  if (channelData?.meeting?.id) return 'meeting';
  switch (activity.conversation?.conversationType) {
    case 'channel':
      return 'channel';
    case 'groupChat':
      return 'group_chat';
    default:
      return 'personal';
  }
}
