import { z } from 'zod';
import type { ApiRoute } from './api-route';
import { apiPrefix } from './api-router';
import { errorSchema } from './routes/api-schemas';

type JsonSchema = Record<string, unknown>;

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(routes: readonly ApiRoute[], info: { version: string; devHeader: boolean }): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `${apiPrefix}${route.path}`.replace(/:([A-Za-z]+)/g, '{$1}');
    const operation: Record<string, unknown> = {
      summary: route.summary,
      operationId: `${route.method}${route.path.replace(/[/:]+(\w)/g, (_m, c: string) => c.toUpperCase())}`,
      parameters: [...pathParameters(path), ...queryParameters(route)],
      responses: {
        '200': { description: 'OK', content: { [route.produces ?? 'application/json']: { schema: toSchema(route.response, 'output') } } },
        '4XX': { description: 'The request was not acceptable', content: { 'application/json': { schema: toSchema(errorSchema, 'output') } } },
      },
      ...(route.auth === 'person' ? { security: [info.devHeader ? { devPerson: [] } : { teamsSso: [] }] } : {}),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } } } : {}),
    };
    paths[path] = { ...(paths[path] ?? {}), [route.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Trust Communities tab API', version: info.version },
    paths,
    components: {
      securitySchemes: {
        teamsSso: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Teams SSO token from authentication.getAuthToken()' },
        ...(info.devHeader ? { devPerson: { type: 'apiKey', in: 'header', name: 'X-Dev-Person', description: 'Local mode: the person id to act as' } } : {}),
      },
    },
  };
}

function pathParameters(path: string): JsonSchema[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
}

function queryParameters(route: ApiRoute): JsonSchema[] {
  if (!route.query) return [];
  const schema = toSchema(route.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}
