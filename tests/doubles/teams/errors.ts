import type { Fault } from '../shared/fault-injector';

/**
 * Error codes and messages from "Status codes from bot conversational APIs"
 * (msteams-docs `bots/build-conversational-capability.md`). Body shape: `{ error: { code, message } }`.
 */
export const teamsErrors = {
  BadArgument: { status: 400, message: 'Invalid request payload.' },
  BotNotRegistered: { status: 401, message: 'No registration found for this bot.' },
  BotDisabledByAdmin: { status: 403, message: 'The tenant admin disabled this bot' },
  BotNotInConversationRoster: { status: 403, message: "The bot isn't part of the conversation roster." },
  ConversationBlockedByUser: { status: 403, message: 'User blocked the conversation with the bot.' },
  ForbiddenOperationException: { status: 403, message: "Bot isn't installed in user's personal scope" },
  NotEnoughPermissions: { status: 403, message: 'Bot does not have required permissions.' },
  ActivityNotFoundInConversation: { status: 404, message: 'Conversation not found.' },
  ConversationNotFound: { status: 404, message: 'Conversation not found.' },
  // Not in the table: codes for a missing member or meeting are not documented.
  MemberNotFoundInConversation: { status: 404, message: 'The member was not found in the conversation.' },
  MeetingNotFound: { status: 404, message: 'Meeting not found.' },
  PreconditionFailed: { status: 412, message: 'Precondition failed, please try again.' },
  MessageSizeTooBig: { status: 413, message: 'Message size too large.' },
  Throttled: { status: 429, message: 'Too many requests.' },
  ServiceError: { status: 500, message: 'Internal server error.' },
  ServiceUnavailable: { status: 503, message: 'Service is unavailable.' },
  GatewayTimeout: { status: 504, message: 'Gateway Timeout.' },
} as const;

export type TeamsErrorCode = keyof typeof teamsErrors;

/** The 403 codes that mean "stop sending to this recipient". */
export type ForbiddenCode = 'ConversationBlockedByUser' | 'BotNotInConversationRoster' | 'BotDisabledByAdmin' | 'ForbiddenOperationException';

export function teamsErrorBody(code: string, message?: string): { error: { code: string; message: string } } {
  const known = (teamsErrors as Record<string, { message: string } | undefined>)[code];
  return { error: { code, message: message ?? known?.message ?? code } };
}

/** The documented code for a bare status fault. */
export function defaultCodeFor(status: number): string {
  switch (status) {
    case 400:
      return 'BadArgument';
    case 401:
      return 'BotNotRegistered';
    case 403:
      return 'ConversationBlockedByUser';
    case 404:
      return 'ConversationNotFound';
    case 412:
      return 'PreconditionFailed';
    case 413:
      return 'MessageSizeTooBig';
    case 429:
      return 'Throttled';
    case 503:
      return 'ServiceUnavailable';
    case 504:
      return 'GatewayTimeout';
    default:
      return 'ServiceError';
  }
}

/** Ready-made faults for the documented failure cases. */
export const teamsFaults = {
  userBlockedBot: { kind: 'status', status: 403, code: 'ConversationBlockedByUser' },
  botNotInRoster: { kind: 'status', status: 403, code: 'BotNotInConversationRoster' },
  botDisabledByAdmin: { kind: 'status', status: 403, code: 'BotDisabledByAdmin' },
  conversationNotFound: { kind: 'status', status: 404, code: 'ConversationNotFound' },
  preconditionFailed: { kind: 'status', status: 412, code: 'PreconditionFailed' },
  throttled: { kind: 'status', status: 429, code: 'Throttled', retryAfterSeconds: 1 },
  serviceError: { kind: 'status', status: 500, code: 'ServiceError' },
  badGateway: { kind: 'status', status: 502, code: 'ServiceError' },
  unavailable: { kind: 'status', status: 503 },
  gatewayTimeout: { kind: 'status', status: 504 },
  dropConnection: { kind: 'drop' },
} as const satisfies Record<string, Fault>;
