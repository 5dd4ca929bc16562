import { z } from 'zod';
import { env, loadConfig } from '@ticketing/config';

export function readQueueConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      HOST: env.host('127.0.0.1'),
      PORT: env.port(50053),
      REDIS_URL: env.redisUrl(),
      /** Every key this service writes starts with this, so tests and tenants can share one Redis. */
      REDIS_KEY_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9:_-]*$/, 'must be letters, digits, ":", "_" or "-"')
        .default('ticketing:queue:'),
      /** Where this service fetches the public keys that verify callers' access tokens. */
      AUTH_GRPC_URL: env.hostPort('127.0.0.1:50051'),
      LOG_LEVEL: env.logLevel(),
    },
    source,
  );
}

export type QueueConfig = ReturnType<typeof readQueueConfig>;
