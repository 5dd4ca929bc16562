import { credentials } from '@grpc/grpc-js';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createClient } from '@ticketing/contracts';
import { dropDatabase } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { bearerMetadata, unaryCall, type Authenticator } from '@ticketing/grpc-kit';
import { createLogger } from '@ticketing/logger';
import { streamFor } from '@ticketing/nats-kit';
import { createTestDatabaseUrl, deleteRedisKeys, TEST_NATS_URL, TEST_REDIS_URL, uniqueName } from '@ticketing/testing';
import { startCatalog, type CatalogApp } from '../app';
import type { CatalogConfig } from '../config';

export const logger = createLogger({ service: 'catalog-test', level: 'silent' });

/** Fixed tokens for fixed callers: token verification itself is tested in auth-tokens. */
export const TOKENS = { admin: 'admin-token', user: 'user-token' } as const;
export const fakeAuthenticate: Authenticator = async (token) => {
  if (token === TOKENS.admin) return { subject: 'admin-1', roles: ['ADMIN'], token };
  if (token === TOKENS.user) return { subject: 'user-1', roles: ['USER'], token };
  throw new AppError('TOKEN_INVALID');
};

export function testConfig(label: string, overrides: Partial<CatalogConfig> = {}): CatalogConfig {
  const name = uniqueName(label);
  return {
    HOST: '127.0.0.1',
    PORT: 0,
    METRICS_PORT: 0,
    DATABASE_URL: createTestDatabaseUrl(label),
    AUTH_GRPC_URL: '127.0.0.1:1',
    NATS_URL: TEST_NATS_URL,
    EVENT_SUBJECT_PREFIX: name,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `${name}:`,
    SESSION_CACHE_TTL_MS: 500,
    LOG_LEVEL: 'silent',
    ...overrides,
  };
}

export interface TestCatalog {
  app: CatalogApp;
  config: CatalogConfig;
  /** Calls a method as `who` ('admin', 'user' or anonymous). */
  call<T = any>(method: string, request: unknown, who?: keyof typeof TOKENS): Promise<T>;
  /** Stops the service, keeping its database and stream: for restart tests. */
  stopService(): Promise<void>;
  restart(): Promise<void>;
  teardown(): Promise<void>;
}

/** A catalog on a free port with its own database, Redis prefix and NATS stream. */
export async function startTestCatalog(label: string, overrides: Partial<CatalogConfig> = {}): Promise<TestCatalog> {
  const config = testConfig(label, overrides);
  let app = await startCatalog(config, logger, { authenticate: fakeAuthenticate });
  let client = createClient('catalog', `127.0.0.1:${app.grpc.port}`, credentials.createInsecure());
  let running = true;
  const stopService = async () => {
    if (!running) return;
    running = false;
    client.close();
    await app.stop();
  };
  return {
    get app() {
      return app;
    },
    config,
    call: (method, request, who) =>
      unaryCall(client, method, request, { metadata: bearerMetadata(who ? TOKENS[who] : null), deadlineMs: 10_000 }),
    stopService,
    restart: async () => {
      await stopService();
      app = await startCatalog(config, logger, { authenticate: fakeAuthenticate });
      client = createClient('catalog', `127.0.0.1:${app.grpc.port}`, credentials.createInsecure());
      running = true;
    },
    teardown: async () => {
      const jsm = await jetstreamManager(app.nats).catch(() => null);
      await jsm?.streams.delete(streamFor(config.EVENT_SUBJECT_PREFIX).name).catch(() => undefined);
      await stopService();
      await dropDatabase(config.DATABASE_URL);
      await deleteRedisKeys(config.REDIS_KEY_PREFIX);
    },
  };
}

/** Retries an assertion until it passes: events cross NATS, so effects are not instant. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A valid quantity session, a month out, on sale now. */
export function quantitySession(eventId: string, extra: Record<string, unknown> = {}) {
  return { eventId, startAt: inDays(30), price: { amountMinor: '99000', currency: 'KRW' }, totalStock: 100, ...extra };
}

/** Every envelope on a subject of the test's stream, oldest first, read with an ordered consumer. */
export async function readEnvelopes(
  catalog: TestCatalog,
  type: string,
): Promise<Array<{ id: string; type: string; payload: any }>> {
  const stream = streamFor(catalog.config.EVENT_SUBJECT_PREFIX).name;
  const consumer = await jetstream(catalog.app.nats).consumers.get(stream, {
    filter_subjects: `${catalog.config.EVENT_SUBJECT_PREFIX}.${type}`,
  });
  // Read exactly what is there, so the last read never waits for a message that will not come.
  const { num_pending: pending } = await consumer.info();
  const envelopes = [];
  for (let i = 0; i < pending; i++) {
    const message = await consumer.next({ expires: 2000 });
    if (!message) break;
    envelopes.push(message.json<{ id: string; type: string; payload: any }>());
  }
  await consumer.delete().catch(() => undefined);
  return envelopes;
}

/** A session as the catalog answers it, for assertions. */
export interface SessionReply {
  id: string;
  eventId: string;
  startAt: string;
  salesOpenAt: string;
  salesCloseAt: string;
  price: { amountMinor: string; currency: string };
  totalStock: number;
  seatingKind: string;
  seats: Array<{ id: string; label: string; section: string; price: { amountMinor: string; currency: string } | null }>;
  remaining: number;
  salesStatus: string;
  queueEnabled: boolean;
  admissionRatePerSec: number;
  maxQueueLength: number;
}
