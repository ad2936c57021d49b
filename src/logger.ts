import { pino, type DestinationStream, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';
import { currentRequestId } from './requestContext.js';

export type { Logger };

export interface LoggerOptions {
  /** Coloured lines for a developer's terminal (LOG_PRETTY=true) instead of JSON. */
  pretty?: boolean;
  /** Where lines go instead of stdout (tests read them). */
  destination?: DestinationStream;
}

export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const destination =
    options.destination ?? (options.pretty ? PinoPretty({ colorize: true }) : undefined);
  const settings = {
    level,
    // API keys and private material must never reach a log line.
    redact: {
      paths: ['req.headers.authorization', '*.apiKey', '*.secretKeyMultibase', 'apiKey'],
      censor: '[redacted]',
    },
    // Every line written while a request is served names it, as its X-Request-Id says.
    mixin: () => {
      const requestId = currentRequestId();
      return requestId === undefined ? {} : { requestId };
    },
  };
  return destination ? pino(settings, destination) : pino(settings);
}
