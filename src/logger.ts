import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    // API keys and private material must never reach a log line.
    redact: {
      paths: ['req.headers.authorization', '*.apiKey', '*.secretKeyMultibase', 'apiKey'],
      censor: '[redacted]',
    },
  });
}
