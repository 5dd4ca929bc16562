import { z } from 'zod';
import { env, loadConfig } from '@ticketing/config';

export function readQueueConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      HOST: env.host('127.0.0.1'),
      PORT: env.port(50053),
      /** GET /metrics (Prometheus) on HOST; 0 takes any free port. */
      METRICS_PORT: env.port(9453),
      REDIS_URL: env.redisUrl(),
      /** Every key this service writes starts with this, so tests and tenants can share one Redis. */
      REDIS_KEY_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9:_-]*$/, 'must be letters, digits, ":", "_" or "-"')
        .default('ticketing:queue:'),
      /** Where this service fetches the public keys that verify callers' access tokens. */
      AUTH_GRPC_URL: env.hostPort('127.0.0.1:50051'),
      NATS_URL: env.natsUrl(),
      /** Subjects are `<prefix>.<service>.<event>`; a test system uses its own prefix (and stream). */
      EVENT_SUBJECT_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, "_" or "-"')
        .default('ticketing'),
      /** Signs queue tokens; the reservation service checks them with the same secret. No default. */
      QUEUE_TOKEN_SECRET: env.secret(32),
      /** People admitted per second where the session says 0. */
      QUEUE_DEFAULT_ADMISSION_RATE: env.count(50),
      /** Most people waiting in one session where the session says 0. */
      QUEUE_DEFAULT_MAX_LENGTH: env.count(100_000),
      /** How long an admitted user may take to place a hold; each window step carries its own expiry. */
      ADMISSION_TTL_SEC: z.coerce.number().int().min(1).max(3600).default(120),
      /** How often the window is moved and watchers are told; also how late a change can reach them. */
      ADMISSION_TICK_MS: env.milliseconds(200),
      LOG_LEVEL: env.logLevel(),
    },
    source,
  );
}

export type QueueConfig = ReturnType<typeof readQueueConfig>;
