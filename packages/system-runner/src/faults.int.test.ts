// Needs the built dist/ of every process (npx turbo run build) and the machine's PostgreSQL and Redis;
// NATS is a server of the test's own, so killing it disturbs no other test.
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { createLogger } from '@ticketing/logger';
import { connectNats, ensureStream, startReplayReader, streamFor } from '@ticketing/nats-kit';
import { eventually, uniqueName } from '@ticketing/testing';
import { startIsolatedSystem, type IsolatedSystem } from './isolated-system';
import { startNatsServer, type NatsServer } from './nats-server';
import { isReady } from './readiness';

const ADMIN = { email: 'drill-admin@ticketing.test', password: 'Drill-Admin-2026' };

async function call(system: IsolatedSystem, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${system.gatewayUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** A session created through catalog; it reaches reservation only through NATS. */
async function createSession(system: IsolatedSystem, token: string): Promise<string> {
  const event = await call(
    system,
    'POST',
    '/api/admin/events',
    { title: 'Drill', venue: 'Hall', status: 'PUBLISHED' },
    token,
  );
  const startAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const body = { startAt, price: 50_000, currency: 'KRW', totalStock: 10 };
  const session = await call(system, 'POST', `/api/admin/events/${event.body.id}/sessions`, body, token);
  expect(session.status).toBe(201);
  return session.body.id as string;
}

async function reservationKnows(system: IsolatedSystem, token: string, sessionId: string): Promise<boolean> {
  return (await call(system, 'GET', `/api/admin/sessions/${sessionId}/sales`, undefined, token)).status === 200;
}

describe('startNatsServer', () => {
  it('when the server restarts, then a replay reader (an ephemeral consumer the server forgets) reads on', async () => {
    const nats = await startNatsServer();
    const connection = await connectNats(nats.url, 'test');
    const prefix = uniqueName('replay');
    try {
      await ensureStream(connection, streamFor(prefix));
      const subject = `${prefix}.queue.window.advanced`;
      const publish = (n: number) =>
        jetstream(connection).publish(
          subject,
          JSON.stringify({
            id: randomUUID(),
            type: 'queue.window.advanced',
            occurredAt: new Date().toISOString(),
            payload: { n },
          }),
        );
      const read: number[] = [];
      const reader = await startReplayReader({
        nats: connection,
        stream: streamFor(prefix).name,
        subjects: [subject],
        since: new Date(Date.now() - 60_000),
        logger: createLogger({ service: 'replay-test', level: 'silent' }),
        handle: (event) => read.push((event.payload as { n: number }).n),
      });
      await publish(1);
      await eventually(async () => read.includes(1));

      await nats.kill();
      await nats.restart();
      await eventually(async () => {
        await publish(2).catch(() => undefined);
        return read.includes(2);
      });
      expect(read.filter((n) => n === 1)).toHaveLength(1);
      await reader.stop();
    } finally {
      await connection.close();
      await nats.stop();
    }
  });

  it('when it is killed with SIGKILL and restarted, then a stream and its messages are still there', async () => {
    const nats = await startNatsServer();
    try {
      const name = uniqueName('kept').toUpperCase();
      let connection = await connectNats(nats.url, 'test');
      await (await jetstreamManager(connection)).streams.add({ name, subjects: [`${name}.>`] });
      await jetstream(connection).publish(`${name}.one`, 'kept');
      await connection.close();

      await nats.kill();
      await expect(connectNats(nats.url, 'test')).rejects.toThrow(/cannot connect/);
      await nats.restart();

      connection = await connectNats(nats.url, 'test');
      const info = await (await jetstreamManager(connection)).streams.info(name);
      await connection.close();
      expect(info.state.messages).toBe(1);
    } finally {
      await nats.stop();
    }
  });
});

describe('a system whose processes are killed and restarted', () => {
  let nats: NatsServer;
  let system: IsolatedSystem;
  let token: string;

  beforeAll(async () => {
    nats = await startNatsServer();
    system = await startIsolatedSystem('faults', {
      natsUrl: nats.url,
      envFor: { auth: { BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password } },
    });
    token = (await call(system, 'POST', '/api/auth/login', ADMIN)).body.accessToken as string;
  }, 90_000);

  afterAll(async () => {
    await system?.teardown();
    await nats?.stop();
  }, 30_000);

  it('when reservation is killed, then the gateway is not ready until a restart, and after it serves what was there', async () => {
    const sessionId = await createSession(system, token);
    await eventually(() => reservationKnows(system, token, sessionId), 20_000);
    const killed = system.children.get('reservation')!;
    await expect(system.restart('reservation')).rejects.toThrow(/still running/);

    await system.kill('reservation');
    expect(killed.signalCode).toBe('SIGKILL');
    const down = await call(system, 'GET', '/readyz');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ services: { reservation: 'NOT_SERVING', catalog: 'SERVING' } });
    expect((await call(system, 'GET', `/api/admin/sessions/${sessionId}/sales`, undefined, token)).status).toBe(503);

    const { readyAfterMs } = await system.restart('reservation');
    expect(readyAfterMs).toBeGreaterThan(0);
    expect(await isReady('reservation', system.ports)).toBe(true);
    expect(system.children.get('reservation')!.pid).not.toBe(killed.pid);
    // The gateway's gRPC channels reconnect with their own backoff: it sees reservation a moment later.
    await eventually(async () => (await call(system, 'GET', '/readyz')).status === 200, 15_000);
    await eventually(() => reservationKnows(system, token, sessionId), 15_000);
  }, 60_000);

  it('when NATS is killed and a session is created meanwhile, then reservation gets it after NATS restarts', async () => {
    await nats.kill();
    // Catalog writes the event to its outbox in the same transaction; the relay publishes it later.
    const sessionId = await createSession(system, token);
    expect(await reservationKnows(system, token, sessionId)).toBe(false);
    await nats.restart();
    await eventually(() => reservationKnows(system, token, sessionId), 30_000);
  }, 60_000);
});
