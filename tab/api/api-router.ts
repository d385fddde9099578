import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../core/log/logger';
import { FileResponse, type ApiDependencies, type ApiRoute } from './api-route';
import { sendApiError } from './api-errors';
import type { IdentityResolver } from './auth/caller-identity';
import { correlationIdOf } from './correlation-id';

export const apiPrefix = '/api/v1';

/** Mounts routes on the server: query and body parsed with each route's zod schema, identity resolved, errors shaped. */
export function mountApiRoutes(server: Server, routes: readonly ApiRoute[], deps: ApiDependencies, identity: IdentityResolver): void {
  for (const route of routes) {
    const handler = async (req: Request, res: Response) => {
      const correlationId = correlationIdOf(req);
      res.setHeader('x-correlation-id', correlationId);
      const logger: Logger = deps.logger.child({ correlationId, route: `${route.method.toUpperCase()} ${route.path}` });
      try {
        const rawParams = (req.params ?? {}) as Record<string, string>;
        const params = route.params ? route.params.parse(rawParams) : rawParams;
        const query = route.query ? route.query.parse(req.query ?? {}) : {};
        const body = route.body ? route.body.parse(req.body ?? {}) : undefined;
        const caller = route.auth === 'person' ? await identity.resolve(req) : { trustId: '', personId: '' };
        const result = await route.handle({ query, body, params, deps, logger, caller });
        if (result instanceof FileResponse) sendFile(res, result);
        else res.send(200, result);
      } catch (error) {
        sendApiError(res, error, correlationId, logger);
      }
    };
    server[route.method === 'delete' ? 'del' : route.method](`${apiPrefix}${route.path}`, handler);
  }
}

function sendFile(res: Response, file: FileResponse): void {
  const body = typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : file.body;
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-length': body.length,
    ...(file.filename ? { 'content-disposition': `attachment; filename="${file.filename.replace(/"/g, '')}"` } : {}),
  });
  res.end(body);
}
