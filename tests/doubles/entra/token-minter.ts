import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { SignJWT, exportSPKI } from 'jose';
import type { Clock } from '../shared/clock';
import type { SigningKey } from './signing-keys';
import { createSigningKey } from './signing-keys';
import type { AppTokenOptions, ChannelTokenOptions, Forgery, MintOptions, SsoTokenOptions } from './types';

export const botFrameworkIssuer = 'https://api.botframework.com';
/** Bot Framework's own tenant (`botframework.com`). */
export const botFrameworkTenantId = 'd6d49420-f39b-4df7-a1dc-d59a935871db';
/** Teams desktop/web client ids that request SSO tokens for a tab. */
export const teamsClientId = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

export const issuerV1 = (tenantId: string): string => `https://sts.windows.net/${tenantId}/`;
export const issuerV2 = (tenantId: string): string => `https://login.microsoftonline.com/${tenantId}/v2.0`;

/** Signs claims the way Entra / Bot Framework would, or spoils them on request. */
export class TokenMinter {
  private strayKey: Promise<SigningKey> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly lifetimeSeconds: number,
  ) {}

  async mint(key: SigningKey, claims: JWTPayload, options: MintOptions): Promise<string> {
    const now = Math.floor(this.clock.now() / 1000);
    let payload: JWTPayload = {
      iat: now,
      nbf: now,
      exp: now + (options.expiresIn ?? this.lifetimeSeconds),
      ...claims,
      ...(options.issuer ? { iss: options.issuer } : {}),
      ...options.claims,
    };
    const forgeries = options.forge === undefined ? [] : Array.isArray(options.forge) ? options.forge : [options.forge];
    let signingKey = key;
    let kid = key.kid;
    let algorithm: 'RS256' | 'none' | 'HS256' = 'RS256';
    for (const forgery of forgeries) {
      if (typeof forgery === 'object') {
        payload = Object.fromEntries(Object.entries(payload).filter(([name]) => !forgery.missing.includes(name)));
        continue;
      }
      switch (forgery satisfies Exclude<Forgery, object>) {
        case 'expired':
          payload = { ...payload, iat: now - 7_200, nbf: now - 7_200, exp: now - 3_600 };
          break;
        case 'not-yet-valid':
          payload = { ...payload, nbf: now + 3_600, exp: now + 7_200 };
          break;
        case 'wrong-audience':
          payload = { ...payload, aud: 'https://wrong-audience.example.com' };
          break;
        case 'wrong-issuer':
          payload = { ...payload, iss: 'https://login.evil.example.com/v2.0' };
          break;
        case 'unknown-key':
          signingKey = await this.stray();
          kid = signingKey.kid;
          break;
        case 'bad-signature':
          signingKey = await this.stray();
          break;
        case 'alg-none':
          algorithm = 'none';
          break;
        case 'alg-hs256':
          algorithm = 'HS256';
          break;
      }
    }
    if (algorithm === 'none') {
      const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
      return `${encode({ alg: 'none', typ: 'JWT', kid })}.${encode(payload)}.`;
    }
    if (algorithm === 'HS256') {
      // Algorithm confusion: HMAC keyed with the public key a verifier might trust.
      const secret = new TextEncoder().encode(await exportSPKI(signingKey.publicKey));
      return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid }).sign(secret);
    }
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(signingKey.privateKey);
  }

  channelToken(key: SigningKey, options: ChannelTokenOptions): Promise<string> {
    return this.mint(key, { iss: botFrameworkIssuer, aud: options.audience, serviceurl: options.serviceUrl }, options);
  }

  ssoToken(key: SigningKey, options: SsoTokenOptions): Promise<string> {
    const common = {
      oid: options.oid,
      sub: `sub-${options.oid}`,
      tid: options.tenantId,
      scp: options.scp ?? 'access_as_user',
      name: options.name ?? 'Test User',
      uti: randomUUID(),
    };
    if (options.version === 2) {
      return this.mint(
        key,
        { ...common, iss: issuerV2(options.tenantId), aud: options.audience ?? options.clientId, azp: teamsClientId, azpacr: '0', preferred_username: options.upn ?? 'user@example.org', ver: '2.0' },
        options,
      );
    }
    return this.mint(
      key,
      { ...common, iss: issuerV1(options.tenantId), aud: options.audience ?? `api://localhost/${options.clientId}`, appid: teamsClientId, appidacr: '0', upn: options.upn ?? 'user@example.org', unique_name: options.upn ?? 'user@example.org', ver: '1.0' },
      options,
    );
  }

  /** An app-only (client credentials) access token, v1 format as Graph and the Bot Connector receive. */
  appToken(key: SigningKey, options: AppTokenOptions): Promise<string> {
    return this.mint(
      key,
      {
        iss: issuerV1(options.tenantId),
        aud: options.audience,
        appid: options.clientId,
        appidacr: '1',
        idtyp: 'app',
        oid: `sp-${options.clientId}`,
        sub: `sp-${options.clientId}`,
        tid: options.tenantId,
        roles: options.roles ?? [],
        ver: '1.0',
        uti: randomUUID(),
      },
      options,
    );
  }

  private stray(): Promise<SigningKey> {
    this.strayKey ??= createSigningKey('unknown-key');
    return this.strayKey;
  }
}
