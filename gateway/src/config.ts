import { z } from 'zod';
import { env, loadConfig } from '@ticketing/config';

export function readGatewayConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      HOST: env.host('127.0.0.1'),
      PORT: env.port(8080),
      AUTH_GRPC_URL: env.hostPort('127.0.0.1:50051'),
      CATALOG_GRPC_URL: env.hostPort('127.0.0.1:50052'),
      QUEUE_GRPC_URL: env.hostPort('127.0.0.1:50053'),
      RESERVATION_GRPC_URL: env.hostPort('127.0.0.1:50054'),
      PAYMENT_GRPC_URL: env.hostPort('127.0.0.1:50055'),
      /** Every upstream call has this deadline, so a stuck service becomes a 504, never a hang. */
      GRPC_DEADLINE_MS: env.milliseconds(2000),
      /**
       * A checkout waits on the payment provider (payment's PAYMENT_PROVIDER_TIMEOUT_MS, 5 s by
       * default) besides its own work, so it gets longer than the other calls.
       */
      CHECKOUT_DEADLINE_MS: env.milliseconds(8000),
      /** A comment line on every open event stream this often, so proxies do not drop it as idle. */
      SSE_HEARTBEAT_MS: env.milliseconds(15_000),
      BODY_LIMIT_BYTES: env.bytes(64 * 1024),
      REDIS_URL: env.redisUrl(),
      REDIS_KEY_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9:_-]*$/, 'must be letters, digits, ":", "_" or "-"')
        .default('ticketing:gateway:'),
      /** Requests per minute: per user when signed in, per client address otherwise. */
      RATE_LIMIT_USER_PER_MIN: env.count(600),
      RATE_LIMIT_ANONYMOUS_PER_MIN: env.count(300),
      /** The payment provider's webhooks, per sending address: one provider sends them all, in bursts at a sale. */
      RATE_LIMIT_WEBHOOK_PER_MIN: env.count(60_000),
      /** Comma-separated browser origins allowed by CORS, or "*" (tokens travel in headers, never cookies). */
      CORS_ORIGINS: z.string().default('*'),
      /** Event-loop delay above which new requests are shed with 503 + Retry-After; 0 turns shedding off. */
      MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1000),
      /** Only behind a proxy that sets X-Forwarded-For may the client address be taken from it. */
      TRUST_PROXY: env.boolean(false),
      /** Shared with the auth service: it gets the gateway its own SERVICE token (no default). */
      SERVICE_TOKEN_SECRET: env.secret(32),
      /** The name the gateway's service token carries; reservation trusts it to vouch for buyers. */
      GATEWAY_SERVICE_NAME: z
        .string()
        .regex(/^[a-z][a-z0-9-]{1,30}$/, 'must be a lower-case service name like "gateway"')
        .default('gateway'),
      /** Holds of one session that leave together in one call to the reservation service, at most. */
      HOLD_BATCH_MAX: z.coerce.number().int().min(1).max(1000).default(100),
      LOG_LEVEL: env.logLevel(),
    },
    source,
  );
}

export type GatewayConfig = ReturnType<typeof readGatewayConfig>;
