import { z } from 'zod';
import { env, loadConfig } from '@ticketing/config';

const httpUrl = (fallback: string) =>
  z
    .string()
    .refine(
      (value) => {
        try {
          return ['http:', 'https:'].includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { message: 'must be an http(s) URL like http://127.0.0.1:8090' },
    )
    .default(fallback);

export function readPaymentConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      HOST: env.host('127.0.0.1'),
      PORT: env.port(50055),
      /** GET /metrics (Prometheus) on HOST; 0 takes any free port. */
      METRICS_PORT: env.port(9455),
      DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/ticketing_payment'),
      /** Where this service fetches the public keys that verify callers' access tokens. */
      AUTH_GRPC_URL: env.hostPort('127.0.0.1:50051'),
      /** Checkout reads the buyer's hold there, with the buyer's own token. */
      RESERVATION_GRPC_URL: env.hostPort('127.0.0.1:50054'),
      NATS_URL: env.natsUrl(),
      /** Subjects are `<prefix>.<service>.<event>`; a test system uses its own prefix (and stream). */
      EVENT_SUBJECT_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, "_" or "-"')
        .default('ticketing'),
      /** The payment provider's API (the sandbox provider by default). */
      PAYMENT_PROVIDER_URL: httpUrl('http://127.0.0.1:8090'),
      /** A provider call that takes longer fails (checkout answers 503; a refund is retried). */
      PAYMENT_PROVIDER_TIMEOUT_MS: env.milliseconds(5000),
      /** Shared with the provider: its webhooks are signed with it. */
      PAYMENT_WEBHOOK_SECRET: env.secret(32),
      /** A webhook signed further than this from now is a replay. */
      WEBHOOK_TOLERANCE_SEC: z.coerce.number().int().min(1).max(3600).default(300),
      /** Webhooks arriving together are decided in one transaction, at most this many. */
      CALLBACK_BATCH_MAX: z.coerce.number().int().min(1).max(1000).default(100),
      /** Batches of different payments committed side by side (a payment's copies share one lane). */
      CALLBACK_LANES: z.coerce.number().int().min(1).max(64).default(4),
      LOG_LEVEL: env.logLevel(),
    },
    source,
  );
}

export type PaymentConfig = ReturnType<typeof readPaymentConfig>;
