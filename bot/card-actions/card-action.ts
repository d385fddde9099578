import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards/render-card';
import type { BotDependencies } from '../bot-dependencies';
import type { CardVerb } from '../cards/card-verbs';
import type { Caller } from '../turn-caller';

export interface CardActionTurn {
  context: TurnContext;
  caller: Caller;
  deps: BotDependencies;
  /** The button's `data`, not yet validated: each handler parses it with its own zod schema. */
  data: unknown;
}

/** Answers one `Action.Execute` verb with the card that replaces the one the person clicked. */
export interface CardAction {
  readonly verb: CardVerb;
  handle(turn: CardActionTurn): Promise<AdaptiveCard>;
}
