import { ManagedIdentityCredential, OnBehalfOfCredential, type TokenCredential } from '@azure/identity';
import { AppError } from '../errors';

/**
 * Graph as the signed-in person, for the few calls that must act as them (their own calendar,
 * chats they are in). Everything else uses the app's identity (`createGraphCredential`).
 */
export interface UserGraphAccess {
  /** A credential that exchanges the person's Teams SSO token for Graph tokens (on-behalf-of). */
  credentialFor(ssoToken: string): TokenCredential;
  /** One Graph access token for `scopes` (default: the app's consented delegated permissions). */
  tokenFor(ssoToken: string, scopes?: readonly string[]): Promise<string>;
}

export interface OnBehalfOfSettings {
  tenantId: string;
  /** The Entra app the SSO token was issued to (its audience): only it may exchange the token. */
  clientId: string;
  /** Without a secret the app proves itself with its managed identity (a federated credential on the app registration). */
  clientSecret?: string;
  /** Client id of the user-assigned managed identity, when there is no secret. */
  managedIdentityClientId?: string;
  authorityHost: string;
  caCertificate?: string;
}

const microsoftAuthorityHosts = ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn'];
const graphDefaultScope = 'https://graph.microsoft.com/.default';
// The audience Entra expects for a managed identity's token used as a federated client assertion.
const federatedAssertionScope = 'api://AzureADTokenExchange/.default';

/** On-behalf-of exchange with `@azure/identity`; Entra's refusals become an `AppError` a person can act on. */
export function createUserGraphAccess(settings: OnBehalfOfSettings): UserGraphAccess {
  const common = {
    tenantId: settings.tenantId,
    clientId: settings.clientId,
    authorityHost: settings.authorityHost,
    // MSAL would ask login.microsoftonline.com about any other authority (a rehearsal double).
    disableInstanceDiscovery: !microsoftAuthorityHosts.includes(new URL(settings.authorityHost).hostname),
    ...(settings.caCertificate ? { tlsOptions: { ca: settings.caCertificate } } : {}),
  };
  let managedIdentity: ManagedIdentityCredential | undefined;
  const federatedAssertion = async (): Promise<string> => {
    managedIdentity ??= new ManagedIdentityCredential({ clientId: settings.managedIdentityClientId ?? settings.clientId });
    const token = await managedIdentity.getToken(federatedAssertionScope);
    return token.token;
  };
  const credentialFor = (ssoToken: string): TokenCredential =>
    settings.clientSecret
      ? new OnBehalfOfCredential({ ...common, clientSecret: settings.clientSecret, userAssertionToken: ssoToken })
      : new OnBehalfOfCredential({ ...common, getAssertion: federatedAssertion, userAssertionToken: ssoToken });

  return {
    credentialFor,
    tokenFor: async (ssoToken, scopes = [graphDefaultScope]) => {
      try {
        const token = await credentialFor(ssoToken).getToken([...scopes]);
        if (!token) throw new Error('Entra returned no token');
        return token.token;
      } catch (error) {
        throw onBehalfOfFailure(error);
      }
    },
  };
}

/** `AADSTS65001` (no consent) needs an admin; anything else means the person should sign in again. */
function onBehalfOfFailure(error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  const code = /AADSTS(\d+)/.exec(message)?.[1];
  if (code === '65001') {
    return new AppError('graph_consent_missing', 'Your organisation has not consented to Trust Communities acting for you in Microsoft 365. Ask your IT team to grant admin consent (see docs/deploy.md).', 403, { aadsts: code });
  }
  return new AppError('graph_sign_in_failed', `Microsoft 365 did not accept your Teams sign-in for this action${code ? ` (AADSTS${code})` : ''}. Close the app and open it again.`, 401, code ? { aadsts: code } : undefined);
}
