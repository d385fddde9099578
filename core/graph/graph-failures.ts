import type { GatewayFailure } from './graph-gateway';

/** What the failed call was for, so the message can name the permission an admin must grant. */
export type GraphOperation = 'calendar' | 'online-meetings';

const mailboxNotFoundCodes = new Set(['ErrorInvalidUser', 'MailboxNotEnabledForRESTAPI', 'MailboxNotFound', 'Request_ResourceNotFound', 'ResourceNotFound', 'UserNotFound']);

export const isRetryableStatus = (status: number): boolean => status === 429 || status === 503 || status === 504;

/**
 * Graph's error turned into a message a trust's IT admin can act on. 403 is almost always a
 * missing application permission or an application access policy leaving the mailbox out.
 */
export function describeFailure(input: { status: number; code: string; message: string; organizer: string; operation: GraphOperation; eventId?: string }): GatewayFailure {
  const { status, code, organizer } = input;
  const graphSaid = input.message ? ` Graph said: "${input.message}"` : '';
  const failure = (message: string, retryable = false): GatewayFailure => ({ ok: false, status, code, message, retryable });
  if (status === 401) {
    return failure(`Microsoft Graph did not accept the app's token (401 ${code}). An admin must check GRAPH_CLIENT_ID, the client secret or managed identity, and the tenant the app signs in to.${graphSaid}`);
  }
  if (status === 403 && input.operation === 'online-meetings') {
    return failure(
      `Microsoft Graph refused to read ${organizer}'s Teams meetings (403 ${code}). An admin must grant the app the OnlineMeetings.Read.All application permission with admin consent in Entra ID, and create a Teams application access policy for the app (New-CsApplicationAccessPolicy, then Grant-CsApplicationAccessPolicy) that covers ${organizer}.${graphSaid}`,
    );
  }
  if (status === 403) {
    return failure(
      `Microsoft Graph refused access to ${organizer}'s calendar (403 ${code}). An admin must grant the app the Calendars.ReadWrite application permission with admin consent in Entra ID (App registrations > API permissions), and, if Exchange Online restricts the app with an application access policy (New-ApplicationAccessPolicy), add ${organizer} to the mail-enabled security group that policy allows.${graphSaid}`,
    );
  }
  if (status === 404 && mailboxNotFoundCodes.has(code)) {
    return failure(`No mailbox was found for ${organizer} (404 ${code}). Check the address is a user in this tenant with an Exchange Online licence and mailbox.${graphSaid}`);
  }
  if (status === 404) {
    const what = input.eventId ? `The event ${input.eventId}` : 'The item';
    return failure(`${what} was not found in ${organizer}'s calendar (404 ${code}); it may have been deleted in Outlook.${graphSaid}`);
  }
  if (status === 400) return failure(`Microsoft Graph rejected the request as invalid (400 ${code}).${graphSaid}`);
  if (isRetryableStatus(status) || status === 0 || status >= 500) {
    return failure(`Microsoft Graph was busy or unavailable (${status || 'no response'} ${code}) and our retries ran out; try again later.${graphSaid}`, true);
  }
  return failure(`Microsoft Graph answered ${status} ${code}.${graphSaid}`);
}

/** 401, 403 and an unknown mailbox refuse every request for the mailbox, not just one item. */
export function refusesWholeMailbox(failure: GatewayFailure): boolean {
  return failure.status === 401 || failure.status === 403 || (failure.status === 404 && mailboxNotFoundCodes.has(failure.code));
}
