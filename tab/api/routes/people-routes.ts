import { z } from 'zod';
import { findTrustByTenantId, listPeople } from '../../../core/directory/people-directory';
import { AppError } from '../../../core/errors';
import { defineRoute } from '../api-route';
import { personSummarySchema } from './api-schemas';

/** Local mode only: fills the tab's "Viewing as" picker. */
export const localPeopleRoutes = [
  defineRoute({
    method: 'get',
    path: '/people',
    summary: 'People in the trust, for the local-mode "Viewing as" picker.',
    auth: 'none',
    query: z.object({
      search: z.string().trim().max(100, 'search is longer than 100 characters').optional(),
      limit: z.coerce.number().int().min(1).max(200).default(100),
    }),
    response: z.object({ items: z.array(personSummarySchema) }),
    handle: async ({ deps, query }) => {
      const trust = await findTrustByTenantId(deps.db, deps.config.bot.tenantId);
      if (!trust) throw new AppError('no_trust', 'No trust has been loaded yet.', 503);
      return { items: await listPeople(deps.db, trust.id, { search: query.search, limit: query.limit }) };
    },
  }),
];
