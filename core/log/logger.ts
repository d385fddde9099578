import pino, { type Logger } from 'pino';
import { currentCorrelationId } from './correlation';

export type { Logger };

/** JSON logs; secrets are redacted wherever they might appear in a logged object. */
export function createLogger(options: { level: string; pretty?: boolean; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { app: 'trust-communities' },
      redact: {
        paths: ['*.password', '*.secret', '*.clientSecret', '*.authorization', 'req.headers.authorization', '*.token'],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Lines written while handling a request or bot turn carry its correlation id.
      mixin: (_object, _level, logger) => {
        const correlationId = currentCorrelationId();
        // A child logger that already names it (the API router's) would print the key twice.
        return correlationId && !('correlationId' in logger.bindings()) ? { correlationId } : {};
      },
    },
    options.destination,
  );
}
