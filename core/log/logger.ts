import pino, { type Logger } from 'pino';

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
    },
    options.destination,
  );
}
