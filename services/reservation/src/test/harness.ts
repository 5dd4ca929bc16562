import { randomUUID } from 'node:crypto';
import { credentials } from '@grpc/grpc-js';
import { jetstreamManager } from '@nats-io/jetstream';
import { createClient } from '@ticketing/contracts';
import { dropDatabase } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { bearerMetadata, unaryCall, type Authenticator } from '@ticketing/grpc-kit';
import { createLogger, type Logger } from '@ticketing/logger';
import {
  connectNats,
  decodeEnvelope,
  deleteStreamOf,
  streamFor,
  type EventEnvelope,
  type NatsConnection,
} from '@ticketing/nats-kit';
import { TEST_NATS_URL, createTestDatabaseUrl, eventually, sleep, queryOnce, uniqueName } from '@ticketing/testing';
import { startReservation, type ReservationApp, type ReservationOverrides } from '../app';
import { applySessionEvent } from '../app/apply-session-event';
import { readReservationConfig } from '../config';

export const logger = createLogger({ service: 'reservation-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** What the tests' queue signs waiting-room tokens with; the system runner makes one per launch. */
export const TEST_QUEUE_TOKEN_SECRET = 'reservation-tests-queue-token-secret-0123456789';
/** What the tests' tickets are signed with; a door scanner would be given it under its key id. */
export const TEST_TICKET_QR_SECRET = 'reservation-tests-ticket-qr-secret-0123456789';

/**
 * Tokens in these tests name their principal: `user:<id>`, `admin:<id>` or `service:<id>`.
 * Token verification itself is auth-tokens' business and tested there.
 */
export const fakeAuthenticate: Authenticator = async (token) => {
  const match = /^(user|admin|service):(.+)$/.exec(token);
  if (!match) throw new AppError('TOKEN_INVALID');
  const roles = { user: ['USER'], admin: ['USER', 'ADMIN'], service: ['SERVICE'] }[
    match[1] as 'user' | 'admin' | 'service'
  ];
  return { subject: match[2]!, roles, token };
};

export type ReservationClient = ReturnType<typeof createClient<'reservation'>>;

export interface TestReservation {
  url: string;
  prefix: string;
  app: ReservationApp;
  client: ReservationClient;
  call<T = any>(method: string, request: unknown, token?: string): Promise<T>;
  /** Starts another instance on the same database and stream, as a second replica would be. */
  startReplica(env?: Record<string, string>, overrides?: ReservationOverrides): Promise<ReservationApp>;
  /**
   * Stops the service, runs `whileStopped`, then starts it again on the same database and stream
   * (same durable consumers); `app`, `client` and `call` then reach the new instance.
   */
  restart(whileStopped?: () => Promise<void>): Promise<ReservationApp>;
  close(): Promise<void>;
}

/** A reservation service of its own: own database, own subject prefix and stream (deleted afterwards). */
export async function startTestReservation(
  label: string,
  env: Record<string, string> = {},
  overrides: ReservationOverrides = {},
  log: Logger = logger,
): Promise<TestReservation> {
  const url = createTestDatabaseUrl(label);
  const prefix = uniqueName(label);
  const configFor = (extra: Record<string, string>) =>
    readReservationConfig({
      DATABASE_URL: url,
      PORT: '0',
      METRICS_PORT: '0',
      EVENT_SUBJECT_PREFIX: prefix,
      NATS_URL: TEST_NATS_URL,
      AUTH_GRPC_URL: '127.0.0.1:1',
      LOG_LEVEL: 'silent',
      QUEUE_TOKEN_SECRET: TEST_QUEUE_TOKEN_SECRET,
      TICKET_QR_SECRET: TEST_TICKET_QR_SECRET,
      ...env,
      ...extra,
    });
  const start = () => startReservation(configFor({}), log, { authenticate: fakeAuthenticate, ...overrides });
  const clientOf = (app: ReservationApp) =>
    createClient('reservation', `127.0.0.1:${app.grpc.port}`, credentials.createInsecure());
  const app = await start();
  const replicas: ReservationApp[] = [];
  const sys: TestReservation = {
    url,
    prefix,
    app,
    client: clientOf(app),
    call: (method, request, token) =>
      unaryCall(sys.client, method, request, { metadata: bearerMetadata(token), deadlineMs: 20_000 }),
    startReplica: async (extra = {}, more = {}) => {
      const replica = await startReservation(configFor(extra), log, {
        authenticate: fakeAuthenticate,
        ...overrides,
        ...more,
      });
      replicas.push(replica);
      return replica;
    },
    restart: async (whileStopped) => {
      sys.client.close();
      await sys.app.stop();
      await whileStopped?.();
      sys.app = await start();
      sys.client = clientOf(sys.app);
      return sys.app;
    },
    close: async () => {
      sys.client.close();
      await Promise.all(replicas.map((r) => r.stop()));
      await sys.app.stop();
      await deleteStreamOf(TEST_NATS_URL, prefix).catch(() => undefined);
      await dropDatabase(url);
    },
  };
  return sys;
}

const HOUR = 3_600_000;

/** A whole session as catalog announces it; by default on sale now, 10 tickets. */
export function sessionPayload(overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    sessionId: randomUUID(),
    eventId: randomUUID(),
    eventTitle: 'Spring Concert',
    venue: 'Seoul Arena',
    eventStatus: 'PUBLISHED',
    startAt: new Date(now + 48 * HOUR).toISOString(),
    salesOpenAt: new Date(now - HOUR).toISOString(),
    salesCloseAt: new Date(now + 24 * HOUR).toISOString(),
    seatingKind: 'QUANTITY',
    totalStock: 10,
    priceMinor: 55000,
    currency: 'KRW',
    queueEnabled: false,
    version: 1,
    ...overrides,
  };
}

/** Creates a session's stock directly through the use case the catalog consumer runs. */
export async function seedSession(app: ReservationApp, overrides: Record<string, unknown> = {}) {
  const payload = sessionPayload(overrides);
  await app.orm.em
    .fork()
    .transactional((em) => applySessionEvent(em, 'catalog.session.created', payload, new Date(), logger));
  return payload;
}

export interface Counters {
  total: number;
  available: number;
  held: number;
  sold: number;
  version: number;
}

export async function countersOf(url: string, sessionId: string): Promise<Counters> {
  const rows = await queryOnce<{ total: number; available: number; held: number; sold: number; version: string }>(
    url,
    'select total, available, held, sold, version from stock where session_id = $1',
    [sessionId],
  );
  const row = rows[0]!;
  return { total: row.total, available: row.available, held: row.held, sold: row.sold, version: Number(row.version) };
}

export const holdRequest = (sessionId: string, quantity: number, idempotencyKey: string = randomUUID()) => ({
  sessionId,
  quantity,
  idempotencyKey,
});
export const seatRequest = (sessionId: string, seatIds: string[], idempotencyKey: string = randomUUID()) => ({
  sessionId,
  seats: { seatIds },
  idempotencyKey,
});

/**
 * Waits until every committed outbox row is published. A flush alone is not enough: rows the
 * relay's own loop has locked are skipped by it, and may still be on their way.
 */
export async function allPublished(sys: { url: string; app: ReservationApp }): Promise<void> {
  await eventually(async () => {
    await sys.app.relay.flush();
    return (
      (await queryOnce<{ n: number }>(sys.url, 'select count(*)::int as n from outbox where published_at is null'))[0]!
        .n === 0
    );
  });
}

/** Every event in the stream whose subject matches, in stream order. */
export async function publishedEvents(prefix: string, type?: string): Promise<Array<EventEnvelope<any>>> {
  const nc: NatsConnection = await connectNats(TEST_NATS_URL, 'reservation-test-reader');
  try {
    const jsm = await jetstreamManager(nc);
    const stream = streamFor(prefix).name;
    const { state } = await jsm.streams.info(stream);
    const events: Array<EventEnvelope<any>> = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      const event = message ? decodeEnvelope(message.data) : null;
      if (event && (!type || event.type === type)) events.push(event);
    }
    return events;
  } finally {
    await nc.close();
  }
}

export { eventually, sleep };

/** Outcome of a call as a code: 'OK' or the error's stable code. */
export async function outcomeOf<T>(call: Promise<T>): Promise<{ code: string; value?: T; error?: AppError }> {
  try {
    return { code: 'OK', value: await call };
  } catch (error) {
    return { code: (error as AppError).code ?? 'UNKNOWN', error: error as AppError };
  }
}

/** A logger whose JSON lines the test can read. */
export function capturingLogger(level = 'info'): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  return { logger: createLogger({ service: 'reservation-test', level }, sink), lines };
}
