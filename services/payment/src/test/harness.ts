import { credentials } from '@grpc/grpc-js';
import { createClient } from '@ticketing/contracts';
import { dropDatabase } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { bearerMetadata, unaryCall, type Authenticator } from '@ticketing/grpc-kit';
import { createLogger } from '@ticketing/logger';
import { deleteStreamOf } from '@ticketing/nats-kit';
import { TEST_NATS_URL, createTestDatabaseUrl, queryOnce, uniqueName } from '@ticketing/testing';
import { signWebhook } from '@ticketing/webhook-signature';
import { startPayment, type PaymentApp, type PaymentOverrides } from '../app';
import { readPaymentConfig } from '../config';
import { FakeProvider } from './fake-provider';
import { activeHold, startFakeReservation, type FakeHold, type FakeReservation } from './fake-reservation';

export const logger = createLogger({ service: 'payment-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** What the tests' provider signs webhooks with; the system runner makes one per launch. */
export const TEST_WEBHOOK_SECRET = 'payment-tests-webhook-secret-0123456789abcdef';

/** Tokens in these tests name their principal: `user:<id>`, `admin:<id>` or `service:<id>`. */
export const fakeAuthenticate: Authenticator = async (token) => {
  const match = /^(user|admin|service):(.+)$/.exec(token);
  if (!match) throw new AppError('TOKEN_INVALID');
  const roles = { user: ['USER'], admin: ['USER', 'ADMIN'], service: ['SERVICE'] }[
    match[1] as 'user' | 'admin' | 'service'
  ];
  return { subject: match[2]!, roles, token };
};

export interface TestPayment {
  url: string;
  prefix: string;
  app: PaymentApp;
  provider: FakeProvider;
  reservation: FakeReservation;
  call<T = any>(method: string, request: unknown, token?: string): Promise<T>;
  /** A hold of `userId` that reservation will answer for, ACTIVE unless told otherwise. */
  hold(userId: string, overrides?: Partial<FakeHold>): FakeHold;
  /**
   * Stops the service and starts it again on the same database and stream, as after a deploy;
   * `whileStopped` runs in between.
   */
  restart(whileStopped?: () => Promise<void>): Promise<PaymentApp>;
  close(): Promise<void>;
}

/** A payment service of its own: own database, own subject prefix and stream (deleted afterwards). */
export async function startTestPayment(
  label: string,
  env: Record<string, string> = {},
  overrides: PaymentOverrides = {},
): Promise<TestPayment> {
  const url = createTestDatabaseUrl(label);
  const prefix = uniqueName(label);
  const reservation = await startFakeReservation(fakeAuthenticate, logger);
  const provider = new FakeProvider();
  const config = readPaymentConfig({
    DATABASE_URL: url,
    PORT: '0',
    METRICS_PORT: '0',
    EVENT_SUBJECT_PREFIX: prefix,
    NATS_URL: TEST_NATS_URL,
    AUTH_GRPC_URL: '127.0.0.1:1',
    RESERVATION_GRPC_URL: reservation.address,
    PAYMENT_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const start = () =>
    startPayment(config, logger, { authenticate: fakeAuthenticate, provider, refundRetryDelayMs: 200, ...overrides });
  let app = await start();
  let client = createClient('payment', `127.0.0.1:${app.grpc.port}`, credentials.createInsecure());
  const sys: TestPayment = {
    url,
    prefix,
    app,
    provider,
    reservation,
    call: (method, request, token) =>
      unaryCall(client, method, request, { metadata: bearerMetadata(token), deadlineMs: 20_000 }),
    hold: (userId, more) => reservation.put(activeHold(userId, more)),
    restart: async (whileStopped) => {
      client.close();
      await app.stop();
      await whileStopped?.();
      app = await start();
      sys.app = app;
      client = createClient('payment', `127.0.0.1:${app.grpc.port}`, credentials.createInsecure());
      return app;
    },
    close: async () => {
      client.close();
      await app.stop();
      await reservation.close();
      await deleteStreamOf(TEST_NATS_URL, prefix).catch(() => undefined);
      await dropDatabase(url);
    },
  };
  return sys;
}

export interface WebhookBody {
  pgPaymentId: string;
  status: 'SUCCESS' | 'FAIL' | 'REFUNDED';
  amount: number;
  currency: string;
}

/** A webhook as the provider sends it: the exact bytes and their signature, made `ageSec` ago. */
export function signedCallback(body: WebhookBody | string, options: { secret?: string; ageSec?: number } = {}) {
  const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const t = Math.floor(Date.now() / 1000) - (options.ageSec ?? 0);
  return { rawBody: raw, signature: signWebhook(options.secret ?? TEST_WEBHOOK_SECRET, raw, t) };
}

/** Checks out a fresh hold of `userId`; returns the payment and what the provider's webhook would say. */
export async function pendingPayment(sys: TestPayment, userId: string) {
  const hold = sys.hold(userId);
  const payment = await sys.call(
    'checkout',
    { holdId: hold.holdId, method: 'CARD', idempotencyKey: `k-${hold.holdId}` },
    `user:${userId}`,
  );
  const report = (status: WebhookBody['status'], more: Partial<WebhookBody> = {}): WebhookBody => ({
    pgPaymentId: payment.providerPaymentId,
    status,
    amount: 110000,
    currency: 'KRW',
    ...more,
  });
  return { hold, payment, report };
}

/** Sends a provider webhook through the service, as the gateway passes it on. */
export const deliver = (sys: TestPayment, body: WebhookBody | string, options?: { secret?: string; ageSec?: number }) =>
  sys.call('handleProviderCallback', signedCallback(body, options));

export async function rowsOf<T extends Record<string, unknown> = Record<string, any>>(
  sys: TestPayment,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return queryOnce<T>(sys.url, sql, params);
}

/** Outcome of a call as a code: 'OK' or the error's stable code. */
export async function outcomeOf<T>(call: Promise<T>): Promise<{ code: string; value?: T; error?: AppError }> {
  try {
    return { code: 'OK', value: await call };
  } catch (error) {
    return { code: (error as AppError).code ?? 'UNKNOWN', error: error as AppError };
  }
}
