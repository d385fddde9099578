import type { Request } from 'restify';
import { z } from 'zod';
import type { Db } from '../../../core/db/database';
import { findPersonById, findTrustByTenantId } from '../../../core/directory/people-directory';
import { AppError, unauthenticated } from '../../../core/errors';
import type { IdentityResolver } from './caller-identity';

export const devPersonHeader = 'x-dev-person';

/**
 * Local mode only: the tab's "Viewing as" picker names the person in a header. The server binds
 * 127.0.0.1 in this mode, and production never builds this resolver.
 */
export function createDevIdentityResolver(db: Db, tenantId: string): IdentityResolver {
  return {
    scheme: 'dev-header',
    resolve: async (req: Request) => {
      const raw = req.header(devPersonHeader);
      if (!raw) throw unauthenticated(`Choose who you are viewing as (the ${devPersonHeader} header is missing).`);
      const id = z.uuid().safeParse(raw);
      if (!id.success) throw new AppError('invalid_dev_person', `The ${devPersonHeader} header must be a person id (a UUID).`, 400);
      const trust = await findTrustByTenantId(db, tenantId);
      if (!trust) throw new AppError('no_trust', 'No trust has been loaded yet. Run `npm run import` or restart with demo data.', 503);
      const person = await findPersonById(db, trust.id, id.data);
      if (!person) throw unauthenticated('That person is not in the trust\'s directory. Pick someone else.');
      return { trustId: trust.id, personId: person.id };
    },
  };
}
