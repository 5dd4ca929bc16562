import { z } from 'zod';
import { env, loadConfig } from '@ticketing/config';

export function readCatalogConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      HOST: env.host('127.0.0.1'),
      PORT: env.port(50052),
      /** GET /metrics (Prometheus) on HOST; 0 takes any free port. */
      METRICS_PORT: env.port(9452),
      DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/ticketing_catalog'),
      /** Where this service fetches the public keys that verify callers' access tokens. */
      AUTH_GRPC_URL: env.hostPort('127.0.0.1:50051'),
      NATS_URL: env.natsUrl(),
      /** Subjects are `<prefix>.<service>.<event>`; a test system uses its own prefix (and stream). */
      EVENT_SUBJECT_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, "_" or "-"')
        .default('ticketing'),
      /** Holds the remaining-stock read model. */
      REDIS_URL: env.redisUrl(),
      REDIS_KEY_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9:_-]*$/, 'must be letters, digits, ":", "_" or "-"')
        .default('ticketing:catalog:'),
      /** How long a replica serves an event's sessions from memory; shown data may lag by this much. */
      SESSION_CACHE_TTL_MS: z.coerce.number().int().min(0).max(1000).default(500),
      LOG_LEVEL: env.logLevel(),
    },
    source,
  );
}

export type CatalogConfig = ReturnType<typeof readCatalogConfig>;
