import { CardFactory } from 'botbuilder';
import { helpCard } from '../cards/help-card';
import type { AdaptiveCard } from '../cards/render-card';
import type { Command } from './command';

export function helpCardFor(commands: readonly Command[], tabUrl: string): AdaptiveCard {
  return helpCard({
    commands: commands.map((c) => ({ command: c.triggers[0] ?? c.name, description: c.description })),
    tabUrl,
  });
}

export function helpCommand(allCommands: () => readonly Command[]): Command {
  return {
    name: 'help',
    triggers: ['help', 'hi', 'hello', 'what can you do'],
    description: 'Shows this list.',
    needsPerson: false,
    handle: async ({ context, deps }) => {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(helpCardFor(allCommands(), deps.tabUrl))] });
    },
  };
}
