import type { Command } from './command';

/** A lead posts the Ways of Working card now, in the meeting chat (or for their meeting nearest now); once per meeting. */
export const startMeetingCommand: Command = {
  name: 'start meeting',
  triggers: ['start meeting', 'start the meeting', 'ways of working'],
  description: 'Community leads: posts our Ways of Working card for your meeting now (once per meeting).',
  needsPerson: true,
  handle: async ({ context, caller, deps }) => {
    if (!deps.waysOfWorking || !caller.person) {
      await context.sendActivity('Ways of Working cards are not switched on in this app.');
      return;
    }
    const conversationType = context.activity.conversation.conversationType;
    const { message } = await deps.waysOfWorking.events.startManually(caller.trust.id, caller.person.id, conversationType === 'personal' ? {} : { meetingChatId: context.activity.conversation.id });
    await context.sendActivity(message);
  },
};
