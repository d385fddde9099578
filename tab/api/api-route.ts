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

export interface ApiRequestContext<Query, Body, Params = Record<string, string>> {
  query: Query;
  body: Body;
  params: Params;
  deps: ApiDependencies;
  logger: Logger;
  /** The signed-in person; present on every route whose `auth` is 'person'. */
  caller: CallerIdentity;
}

/**
 * One JSON endpoint: its schemas validate what comes in and describe what goes out, and the
 * OpenAPI document is generated from the same objects.
 */
/** A download instead of JSON: ICS feeds, CSV and Word exports. */
export class FileResponse {
  constructor(
    readonly contentType: string,
    readonly body: string | Buffer,
    /** Offered as an attachment with this name; omitted for feeds that calendar apps read directly. */
    readonly filename?: string,
  ) {}
}

export interface ApiRoute<Query = unknown, Body = unknown, Result = unknown, Params = Record<string, string>> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** restify path relative to `/api/v1`, e.g. `/me/communities`. */
  path: string;
  summary: string;
  auth: 'none' | 'person';
  params?: z.ZodType<Params>;
  query?: z.ZodType<Query>;
  body?: z.ZodType<Body>;
  /** The JSON answer's schema; for a download, a schema describing it (e.g. `z.string()`). */
  response: z.ZodType<Result>;
  /** Set for downloads, so the OpenAPI document names the right media type. */
  produces?: string;
  handle(context: ApiRequestContext<Query, Body, Params>): Promise<Result | FileResponse>;
}

/** Keeps each route's types checked while the registry holds them side by side. */
export function defineRoute<Query, Body, Result, Params = Record<string, string>>(route: ApiRoute<Query, Body, Result, Params>): ApiRoute {
  return route as unknown as ApiRoute;
}
