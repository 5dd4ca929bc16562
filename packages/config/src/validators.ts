import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function urlWithScheme(schemes: string[], example: string) {
  return z.string().refine(
    (value) => {
      try {
        return schemes.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `must be a URL like ${example}` },
  );
}

/** A whole number of at least 1; the message says what the number measures. */
function wholeNumber(message: string, fallback: number) {
  return z.coerce.number({ invalid_type_error: message }).int(message).min(1, message).default(fallback);
}

/** Validators for the variables that many processes share. Each returns a zod schema. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  /** host:port, as gRPC targets are written. */
  hostPort: (fallback: string) =>
    z
      .string()
      .regex(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:50051')
      .default(fallback),
  /** An address to listen on: an IP or host name, without a port. */
  host: (fallback: string) =>
    z
      .string()
      .regex(/^[A-Za-z0-9.\-_:]+$/, 'must be an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0')
      .default(fallback),
  postgresUrl: (fallback?: string) => {
    const schema = urlWithScheme(['postgres', 'postgresql'], 'postgres://user@host:5432/db');
    return fallback === undefined ? schema : schema.default(fallback);
  },
  redisUrl: (fallback = 'redis://127.0.0.1:6379') =>
    urlWithScheme(['redis', 'rediss'], 'redis://127.0.0.1:6379').default(fallback),
  natsUrl: (fallback = 'nats://127.0.0.1:4222') =>
    urlWithScheme(['nats', 'tls'], 'nats://127.0.0.1:4222').default(fallback),
  logLevel: () => z.enum(LOG_LEVELS).default('info'),
  milliseconds: (fallback: number) => z.coerce.number().int().min(1).default(fallback),
  /** A size in bytes, e.g. a body limit. */
  bytes: (fallback: number) => wholeNumber('must be a size in bytes: a whole number, at least 1', fallback),
  /** How many of something: requests per minute, failures, entries. */
  count: (fallback: number) => wholeNumber('must be a count: a whole number, at least 1', fallback),
  boolean: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1'),
  /** A secret has no default: a process must not run with a well-known value. */
  secret: (minLength = 16) => z.string().min(minLength, `must be at least ${minLength} characters`),
};
