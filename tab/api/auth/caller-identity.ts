import type { Request } from 'restify';

/** The person behind an API request, as our directory knows them. */
export interface CallerIdentity {
  trustId: string;
  personId: string;
}

/** Works out who is calling: from the dev header in local mode, from the Teams SSO token in production. */
export interface IdentityResolver {
  readonly scheme: 'dev-header' | 'sso';
  resolve(req: Request): Promise<CallerIdentity>;
}
