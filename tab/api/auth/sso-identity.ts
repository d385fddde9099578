import type { Request } from 'restify';
import type { Db } from '../../../core/db/database';
import { findPersonByAadObjectId, findTrustByTenantId } from '../../../core/directory/people-directory';
import { forbidden, unauthenticated } from '../../../core/errors';
import type { IdentityResolver } from './caller-identity';
import type { SsoClaims } from './sso-token-validator';

/** Production: a Teams SSO bearer token, mapped to a person by tenant id + object id. */
export function createSsoIdentityResolver(db: Db, validate: (token: string) => Promise<SsoClaims>): IdentityResolver {
  return {
    scheme: 'sso',
    resolve: async (req: Request) => {
      const header = req.header('authorization') ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) throw unauthenticated('Sign in through Microsoft Teams: the request carries no bearer token.');
      const claims = await validate(match[1]);
      const trust = await findTrustByTenantId(db, claims.tenantId);
      if (!trust) throw forbidden('Your organisation has not been set up in Trust Communities yet.');
      const person = await findPersonByAadObjectId(db, trust.id, claims.objectId);
      if (!person) throw forbidden('You are not in your trust\'s staff directory yet. Ask your trust administrator to add you.');
      return { trustId: trust.id, personId: person.id };
    },
  };
}
