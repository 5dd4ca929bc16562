import { context, trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

export interface LoggerSettings {
  service: string;
  level?: string;
}

/** Keys whose values must never reach a log line: credentials, tokens, secrets, signatures, card data. */
const SECRET_KEYS = [
  'password',
  'authorization',
  'cookie',
  'accessToken',
  'refreshToken',
  'token',
  'secret',
  'signature',
  'card',
  'cardNumber',
];

/** Each secret key at the top level and one level down (pino's redaction has no deep wildcard). */
export const REDACTED_PATHS = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`]),
  'req.headers.authorization',
  'req.headers.cookie',
];

/** The active span's ids, so any line can be followed to its trace; nothing outside a trace. */
function traceFields(): { traceId?: string; spanId?: string } {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/** JSON lines with the service name, ISO time and redaction; pino itself is returned, not wrapped. */
export function createLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    base: { service: settings.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: traceFields,
  };
  return destination ? pino(options, destination) : pino(options);
}
