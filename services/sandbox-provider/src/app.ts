import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { stopAll } from '@ticketing/lifecycle';
import type { Logger } from '@ticketing/logger';
import type { ProviderDeps } from './app/deps';
import type { ProviderConfig } from './config';
import { installMetrics } from './http/metrics';
import { installProblemErrors } from './http/problem-errors';
import { checkoutRoutes } from './routes/checkout-routes';
import { paymentRoutes } from './routes/payment-routes';
import { createPaymentStore } from './store/payment-store';
import { createWebhookSender } from './webhooks/webhook-sender';

/** What tests may replace: the clock that timestamps webhook signatures. */
export interface ProviderOverrides {
  now?: () => number;
}

export interface SandboxProvider {
  /** Listens on HOST:PORT (0: any free port) and answers the base URL to reach it locally. */
  start(): Promise<{ url: string }>;
  /** Stops accepting, lets requests in flight finish, and cancels webhook retries still waiting. */
  stop(): Promise<void>;
}

const BODY_LIMIT_BYTES = 16 * 1024;

const localUrl = (host: string, port: number) =>
  `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;

/** The provider as a factory: main.ts starts it once, tests start one per file on a free port. */
export function buildProvider(
  config: ProviderConfig,
  logger: Logger,
  overrides: ProviderOverrides = {},
): SandboxProvider {
  let publicUrl = config.PROVIDER_PUBLIC_URL;
  const sender = createWebhookSender({
    url: config.PROVIDER_WEBHOOK_URL,
    secret: config.PAYMENT_WEBHOOK_SECRET,
    maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
    backoffMs: config.WEBHOOK_BACKOFF_MS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    logger,
    now: overrides.now ?? Date.now,
  });
  const deps: ProviderDeps = {
    store: createPaymentStore(),
    sender,
    defaultModes: {
      delayMs: config.WEBHOOK_DELAY_MS,
      duplicates: config.WEBHOOK_DUPLICATES,
      outOfOrder: config.WEBHOOK_OUT_OF_ORDER,
    },
    newId: (prefix) => `${prefix}_${randomBytes(16).toString('hex')}`,
    publicUrl: () => publicUrl ?? localUrl(config.HOST, config.PORT),
  };

  const app = Fastify({
    // See gateway/src/app.ts: the cast picks Fastify's logger type for the instance's generics.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    // An API takes the types it documents: "12000" is not an amount.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    return503OnClosing: true,
  });
  app.removeContentTypeParser('text/plain');
  installProblemErrors(app);
  installMetrics(app);
  app.get('/healthz', async () => ({ status: 'ok' }));
  void app.register(paymentRoutes(deps));
  void app.register(checkoutRoutes(deps));

  return {
    async start() {
      await app.listen({ host: config.HOST, port: config.PORT });
      const { port } = app.server.address() as AddressInfo;
      publicUrl ??= localUrl(config.HOST, port);
      return { url: localUrl(config.HOST, port) };
    },
    stop: () =>
      stopAll([
        ['http server', () => app.close()],
        ['webhook sender', () => sender.stop()],
      ]),
  };
}
