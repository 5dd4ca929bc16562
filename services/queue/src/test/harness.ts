import { randomUUID } from 'node:crypto';
import { credentials } from '@grpc/grpc-js';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createClient, type queueV1 } from '@ticketing/contracts';
import { AppError } from '@ticketing/errors';
import { bearerMetadata, serverStream, unaryCall, type Authenticator } from '@ticketing/grpc-kit';
import { createLogger } from '@ticketing/logger';
import { streamFor, type EventEnvelope } from '@ticketing/nats-kit';
import { deleteRedisKeys, eventually, TEST_NATS_URL, TEST_REDIS_URL, uniqueName } from '@ticketing/testing';
import { startQueue, type QueueApp, type QueueOverrides } from '../app';
import { readQueueConfig, type QueueConfig } from '../config';
import type { WindowAdvancedPayload } from '../events/window-advanced';
import { keys } from '../redis/keys';

export const logger = createLogger({ service: 'queue-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
export const TEST_SECRET = 'queue-test-secret-at-least-32-characters';

/** Tokens in these tests name their user: `user:<id>`. Token verification is auth-tokens' business. */
export const fakeAuthenticate: Authenticator = async (token) => {
  const match = /^user:(.+)$/.exec(token);
  if (!match) throw new AppError('TOKEN_INVALID');
  return { subject: match[1]!, roles: ['USER'], token };
};

export type Status = queueV1.QueueStatus__Output;
export interface PublishedStep extends WindowAdvancedPayload {
  /** When the stream stored it (ms). */
  storedAt: number;
}

export interface TestQueue {
  app: QueueApp;
  config: QueueConfig;
  enter(sessionId: string, user: string): Promise<Status>;
  status(token: string, user: string): Promise<Status>;
  /** `user` null: no sign-in, the token alone (as a browser's EventSource must). */
  watch(token: string, user: string | null): AsyncIterable<Status> & { cancel(): void };
  /** Publishes an event as its owning service's relay would. */
  publish(type: string, payload: object): Promise<void>;
  /** Announces a queued session (as catalog would) and waits until the queue knows it. */
  openSession(overrides?: Record<string, unknown>): Promise<string>;
  /** Announces a stock change (as reservation would) and waits until the queue applied it. */
  setStock(sessionId: string, version: number, available: number): Promise<void>;
  steps(sessionId: string): Promise<PublishedStep[]>;
  /** Another queue instance on the same Redis keys and stream. */
  startReplica(overrides?: QueueOverrides): Promise<QueueApp>;
  close(): Promise<void>;
}

export async function startTestQueue(
  label: string,
  env: Record<string, string> = {},
  overrides: QueueOverrides = {},
): Promise<TestQueue> {
  const name = uniqueName(label);
  const config = readQueueConfig({
    PORT: '0',
    METRICS_PORT: '0',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `${name}:`,
    NATS_URL: TEST_NATS_URL,
    EVENT_SUBJECT_PREFIX: name,
    AUTH_GRPC_URL: '127.0.0.1:1',
    QUEUE_TOKEN_SECRET: TEST_SECRET,
    ADMISSION_TICK_MS: '50',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await startQueue(config, logger, { authenticate: fakeAuthenticate, ...overrides });
  const client = createClient('queue', `127.0.0.1:${app.grpc.port}`, credentials.createInsecure());
  const replicas: QueueApp[] = [];
  const js = jetstream(app.nats);
  const meta = (sessionId: string, field: string) => app.redis.hget(keys.meta(sessionId), field);
  const publish = async (type: string, payload: object) => {
    const envelope: EventEnvelope = { id: randomUUID(), type, occurredAt: new Date().toISOString(), payload };
    await js.publish(`${name}.${type}`, JSON.stringify(envelope), { msgID: envelope.id });
  };
  return {
    app,
    config,
    // A generous deadline: a crowd of 500 on a loaded 2-core machine is about places, not speed.
    enter: (sessionId, user) =>
      unaryCall(client, 'enter', { sessionId }, { metadata: bearerMetadata(`user:${user}`), deadlineMs: 30_000 }),
    status: (queueToken, user) =>
      unaryCall(client, 'getStatus', { queueToken }, { metadata: bearerMetadata(`user:${user}`) }),
    watch: (queueToken, user) =>
      serverStream<Status>(
        client,
        'watchStatus',
        { queueToken },
        { metadata: user === null ? bearerMetadata(undefined) : bearerMetadata(`user:${user}`) },
      ),
    publish,
    openSession: async (extra = {}) => {
      const payload = sessionPayload(extra);
      await publish('catalog.session.created', payload);
      await eventually(async () => (await meta(payload.sessionId, 'version')) === String(payload.version));
      return payload.sessionId;
    },
    setStock: async (sessionId, version, available) => {
      await publish('reservation.stock.changed', { sessionId, version, total: 10, available, held: 0, sold: 0 });
      await eventually(async () => (await meta(sessionId, 'stockVersion')) === String(version));
    },
    steps: (sessionId) => publishedSteps(app, name, sessionId),
    startReplica: async (more = {}) => {
      const replica = await startQueue(config, logger, { authenticate: fakeAuthenticate, ...overrides, ...more });
      replicas.push(replica);
      return replica;
    },
    close: async () => {
      client.close();
      await Promise.allSettled(replicas.map((r) => r.stop()));
      await (await jetstreamManager(app.nats)).streams.delete(streamFor(name).name).catch(() => undefined);
      await app.stop();
      await deleteRedisKeys(config.REDIS_KEY_PREFIX);
    },
  };
}

/** A session as catalog announces it: on sale now, queued, rate and length from the queue's defaults. */
export function sessionPayload(overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    sessionId: randomUUID(),
    eventId: randomUUID(),
    salesOpenAt: new Date(now - 3_600_000).toISOString(),
    salesCloseAt: new Date(now + 86_400_000).toISOString(),
    totalStock: 10,
    queueEnabled: true,
    admissionRatePerSec: 0,
    maxQueueLength: 0,
    version: 1,
    ...overrides,
  };
}

/** Every `queue.window.advanced` of a session in the stream, oldest first, with when the stream stored it. */
async function publishedSteps(app: QueueApp, prefix: string, sessionId: string): Promise<PublishedStep[]> {
  const consumer = await jetstream(app.nats).consumers.get(streamFor(prefix).name, {
    filter_subjects: `${prefix}.queue.window.advanced`,
  });
  const { num_pending: pending } = await consumer.info();
  const steps: PublishedStep[] = [];
  for (let i = 0; i < pending; i++) {
    const message = await consumer.next({ expires: 2000 });
    if (!message) break;
    const { payload } = message.json<EventEnvelope<WindowAdvancedPayload>>();
    if (payload.sessionId === sessionId) steps.push({ ...payload, storedAt: message.time.getTime() });
  }
  await consumer.delete().catch(() => undefined);
  return steps;
}
