import type { Clock } from '../shared/clock';
import type { TlsMaterial } from '../shared/tls-certificate';

/** An app registration the token endpoint knows. */
export interface RegisteredApp {
  clientId: string;
  clientSecret: string;
  /** Home tenant; tokens for `botframework.com` use Bot Framework's tenant instead. */
  tenantId: string;
  /** Application permissions put in `roles` of app-only tokens (e.g. `Calendars.ReadWrite`). */
  roles?: string[];
}

export interface EntraDoubleOptions {
  port?: number;
  host?: string;
  /** Serve HTTPS with a self-signed certificate (MSAL refuses http authorities). Pass material to reuse a certificate. */
  https?: boolean | TlsMaterial;
  clock?: Clock;
  apps?: RegisteredApp[];
  /** Lifetime of minted and issued tokens, seconds (default 3600). */
  tokenLifetimeSeconds?: number;
  /** Channel ids the Bot Framework signing key endorses (default `['msteams']`). */
  channelEndorsements?: string[];
}

/**
 * Ways to spoil a token for security tests. `unknown-key` signs with a key absent from the JWKS
 * (and a kid it does not list); `bad-signature` signs with another key under the real kid.
 */
export type Forgery =
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-audience'
  | 'wrong-issuer'
  | 'unknown-key'
  | 'bad-signature'
  | 'alg-none'
  | 'alg-hs256'
  | { missing: string[] };

export interface MintOptions {
  /** Seconds from now; negative mints an already expired token. */
  expiresIn?: number;
  issuer?: string;
  /** Extra or overriding claims. */
  claims?: Record<string, unknown>;
  forge?: Forgery | Forgery[];
  /** Shorthand: `none` and `HS256` are the `alg-none` and `alg-hs256` forgeries. */
  alg?: 'RS256' | 'none' | 'HS256';
  /** Which key signs: the usual one for the token type, the other key set of the double, or a key in no JWKS. */
  key?: 'channel' | 'tenant' | 'unknown';
}

export interface ChannelTokenOptions extends MintOptions {
  /** The bot's app id. */
  audience: string;
  serviceUrl: string;
}

export interface SsoTokenOptions extends MintOptions {
  version: 1 | 2;
  tenantId: string;
  /** The tab app's client id; v2 tokens carry it as `aud`. */
  clientId: string;
  /** Override `aud`, e.g. `api://localhost:53000/{clientId}` (v1 tokens use the Application ID URI). */
  audience?: string;
  oid: string;
  name?: string;
  upn?: string;
  scp?: string;
}

export interface AppTokenOptions extends MintOptions {
  tenantId: string;
  clientId: string;
  /** Resource, e.g. `https://graph.microsoft.com` or `https://api.botframework.com`. */
  audience: string;
  roles?: string[];
}

/** One call to the token endpoint. */
export interface TokenRequestRecord {
  tenant: string;
  grantType?: string;
  clientId?: string;
  scope?: string;
  status: number;
  error?: string;
  at: number;
}
