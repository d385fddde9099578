import type { TurnContext } from 'botbuilder';
import type { BotDependencies } from '../bot-dependencies';
import type { Caller } from '../turn-caller';

export interface CommandTurn {
  context: TurnContext;
  caller: Caller;
  deps: BotDependencies;
}

/** A text command: the words that trigger it and what it answers. */
export interface Command {
  readonly name: string;
  readonly triggers: readonly string[];
  readonly description: string;
  /** Whether the person must be in the trust's directory to use it. */
  readonly needsPerson: boolean;
  handle(turn: CommandTurn): Promise<void>;
}

/** Lower-case, single spaces, no trailing punctuation: "My Communities!" and "my  communities" match. */
export function normaliseCommandText(text: string): string {
  return text
    .replace(/<at>.*?<\/at>/gi, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
