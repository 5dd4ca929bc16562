import { z } from 'zod';
import { env, loadConfig } from '@ticketing/config';

export function readReservationConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      HOST: env.host('127.0.0.1'),
      PORT: env.port(50054),
      /** GET /metrics (Prometheus) on HOST; 0 takes any free port. */
      METRICS_PORT: env.port(9454),
      DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/ticketing_reservation'),
      /** Where this service fetches the public keys that verify callers' access tokens. */
      AUTH_GRPC_URL: env.hostPort('127.0.0.1:50051'),
      NATS_URL: env.natsUrl(),
      /** Subjects are `<prefix>.<service>.<event>`; a test system uses its own prefix (and stream). */
      EVENT_SUBJECT_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, "_" or "-"')
        .default('ticketing'),
      /** How long a hold keeps its tickets before the sweeper returns them. */
      HOLD_TTL_SEC: z.coerce.number().int().min(1).max(3600).default(120),
      /** How often expired holds are looked for (they are also looked for at start-up). */
      SWEEP_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
      /** Idempotency keys are answered at least this long; the seed's clients retry within a day. */
      IDEMPOTENCY_TTL_HOURS: z.coerce
        .number()
        .int()
        .min(24, 'must be at least 24')
        .max(24 * 30)
        .default(24),
      /**
       * Most holds of one session applied by one transaction (group commit). 1 turns grouping off:
       * each hold is then its own transaction on the session's stock row. The gateway's own
       * HOLD_BATCH_MAX (100) is the same: one HoldBatch call is then one transaction, where 50
       * split each call in two and made the next call wait for both (measured: 1,135 holds/s at
       * 100 against 752 at 50, same sitting; docs/performance.md).
       */
      HOLD_BATCH_MAX: z.coerce.number().int().min(1).max(1000).default(100),
      /**
       * Service names (comma-separated) whose SERVICE token may vouch for buyers in HoldBatch: the
       * gateway verified each buyer's token, so this service does not verify it again.
       */
      TRUSTED_GATEWAYS: z
        .string()
        .regex(/^[a-z][a-z0-9-]{1,30}(,[a-z][a-z0-9-]{1,30})*$/, 'must be service names separated by commas')
        .default('gateway')
        .transform((names) => names.split(',')),
      /** The queue signs waiting-room tokens with it; holds of queued sessions are checked with it, locally. */
      QUEUE_TOKEN_SECRET: env.secret(32),
      /**
       * How far back the admitted windows are read from the stream at start-up: more than the
       * queue's longest admission TTL (120 s by default), so a restarted replica knows every step
       * whose admissions may still be used.
       */
      ADMISSION_LOOKBACK_SEC: z.coerce.number().int().min(1).max(86_400).default(300),
      /** Signs tickets' QR payloads (HMAC-SHA256); door scanners verify them offline with the same key. */
      TICKET_QR_SECRET: env.secret(32),
      /** Named in every QR payload, so scanners can hold the old and the new key while it is rotated. */
      TICKET_QR_KEY_ID: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1 to 32 letters, digits, "_" or "-"')
        .default('k1'),
      /** A purchase can be cancelled (and refunded) until this many hours before its session starts. */
      CANCELLATION_CUTOFF_HOURS: z.coerce
        .number()
        .int()
        .min(0)
        .max(24 * 365)
        .default(24),
      LOG_LEVEL: env.logLevel(),
    },
    source,
  );
}

export type ReservationConfig = ReturnType<typeof readReservationConfig>;
