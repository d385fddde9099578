import type { JWK, KeyLike } from 'jose';
import { exportJWK, generateKeyPair } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicJwk: JWK;
}

export async function createSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, kty: 'RSA', use: 'sig', alg: 'RS256' };
  return { kid, privateKey, publicKey, publicJwk };
}

/** JWKS document; Bot Framework keys also list the channels they endorse. */
export function jwks(keys: readonly SigningKey[], endorsements?: readonly string[]): { keys: Array<JWK & { endorsements?: string[] }> } {
  return { keys: keys.map((key) => ({ ...key.publicJwk, ...(endorsements ? { endorsements: [...endorsements] } : {}) })) };
}
