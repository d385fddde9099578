import type { Response } from 'restify';
import { ZodError } from 'zod';
import { AppError } from '../../core/errors';
import type { Logger } from '../../core/log/logger';

/** One place turns any failure into `{error: {code, message, correlationId}}` (plus `issues` for a bad request); stack traces stay in the log. */
export function sendApiError(res: Response, error: unknown, correlationId: string, logger: Logger): void {
  if (error instanceof AppError) {
    if (error.httpStatus >= 500) logger.error({ err: error, correlationId }, error.message);
    else logger.info({ code: error.code, correlationId }, error.message);
    res.send(error.httpStatus, { error: { code: error.code, message: error.message, correlationId } });
    return;
  }
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    res.send(400, { error: { code: 'invalid_request', message, correlationId, issues } });
    return;
  }
  if (isDatabaseUnavailable(error)) {
    logger.error({ err: error, correlationId }, 'database unavailable');
    res.send(503, { error: { code: 'database_unavailable', message: 'The database is not answering. Please try again shortly.', correlationId } });
    return;
  }
  logger.error({ err: error, correlationId }, 'unexpected error in the API');
  res.send(500, { error: { code: 'internal_error', message: `Something went wrong on our side (reference ${correlationId}).`, correlationId } });
}

function isDatabaseUnavailable(error: unknown): boolean {
  let text = '';
  // Drizzle wraps the driver's error; the reason is further down the cause chain.
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    text += ` ${current.message} ${String((current as { code?: unknown }).code ?? '')}`;
  }
  return /ECONNREFUSED|ECONNRESET|terminating connection|Connection terminated|database is closed|PGlite is closed|pool after calling end|57P01|57P03|08006|08001/i.test(text);
}
