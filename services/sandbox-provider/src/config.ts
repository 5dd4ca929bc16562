import { z } from 'zod';
import { env, loadConfig } from '@ticketing/config';

function httpUrl(example: string) {
  return z.string().refine(
    (value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL like ${example}` },
  );
}

export function readProviderConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      HOST: env.host('127.0.0.1'),
      PORT: env.port(8090),
      /** Signs every webhook; the payment service checks with the same secret. No default. */
      PAYMENT_WEBHOOK_SECRET: env.secret(32),
      /** Where webhooks go: the gateway's callback route. */
      PROVIDER_WEBHOOK_URL: httpUrl('http://127.0.0.1:8080/api/payments/callback').default(
        'http://127.0.0.1:8080/api/payments/callback',
      ),
      /** How checkout URLs start, as a browser reaches this process; unset: http://127.0.0.1:<bound port>. */
      PROVIDER_PUBLIC_URL: httpUrl('http://localhost:8090')
        .transform((value) => value.replace(/\/+$/, ''))
        .optional(),
      /** Modes for every payment that does not choose its own at creation (see docs/decisions.md). */
      WEBHOOK_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(0),
      WEBHOOK_DUPLICATES: env.boolean(false),
      WEBHOOK_OUT_OF_ORDER: env.boolean(false),
      /** Attempts per webhook copy, the first included; the wait between them doubles from WEBHOOK_BACKOFF_MS. */
      WEBHOOK_MAX_ATTEMPTS: env.count(8),
      WEBHOOK_BACKOFF_MS: env.milliseconds(200),
      /** One attempt that has not answered by then counts as failed and is retried. */
      WEBHOOK_TIMEOUT_MS: env.milliseconds(5000),
      LOG_LEVEL: env.logLevel(),
    },
    source,
  );
}

export type ProviderConfig = ReturnType<typeof readProviderConfig>;
