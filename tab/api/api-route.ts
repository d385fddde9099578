import type { z } from 'zod';
import type { Config } from '../../core/config/config';
import type { Db } from '../../core/db/database';
import type { Logger } from '../../core/log/logger';
import type { Clock } from '../../core/time/clock';
import type { CallerIdentity } from './auth/caller-identity';

export interface ApiDependencies {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
}

export interface ApiRequestContext<Query, Body> {
  query: Query;
  body: Body;
  params: Record<string, string>;
  deps: ApiDependencies;
  logger: Logger;
  /** The signed-in person; present on every route whose `auth` is 'person'. */
  caller: CallerIdentity;
}

/**
 * One JSON endpoint: its schemas validate what comes in and describe what goes out, and the
 * OpenAPI document is generated from the same objects.
 */
export interface ApiRoute<Query = unknown, Body = unknown, Result = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** restify path relative to `/api/v1`, e.g. `/me/communities`. */
  path: string;
  summary: string;
  auth: 'none' | 'person';
  query?: z.ZodType<Query>;
  body?: z.ZodType<Body>;
  response: z.ZodType<Result>;
  handle(context: ApiRequestContext<Query, Body>): Promise<Result>;
}

/** Keeps each route's types checked while the registry holds them side by side. */
export function defineRoute<Query, Body, Result>(route: ApiRoute<Query, Body, Result>): ApiRoute {
  return route as unknown as ApiRoute;
}
