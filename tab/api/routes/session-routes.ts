import { z } from 'zod';
import { findTrustByTenantId } from '../../../core/directory/people-directory';
import { defineRoute } from '../api-route';

export const sessionRoutes = [
  defineRoute({
    method: 'get',
    path: '/session',
    summary: 'How the tab should sign in: the app mode, the trust and the version.',
    auth: 'none',
    response: z.object({ mode: z.enum(['local', 'production']), trustName: z.string(), version: z.string() }),
    handle: async ({ deps }) => {
      const trust = await findTrustByTenantId(deps.db, deps.config.bot.tenantId);
      return { mode: deps.config.mode, trustName: trust?.name ?? 'Trust Communities', version: deps.config.version };
    },
  }),
];
