import { randomUUID } from 'node:crypto';
import { credentials } from '@grpc/grpc-js';
import { createClient } from '@ticketing/contracts';
import { bearerMetadata, unaryCall } from '@ticketing/grpc-kit';
import { connectNats, streamFor, type NatsConnection } from '@ticketing/nats-kit';
import { TEST_NATS_URL, queryOnce } from '@ticketing/testing';
import type { ReservationApp } from '../app';
import { AdmissionWindows } from '../domain/admission-windows';
import { startQueueWindowReader } from '../events/queue-window.reader';
import {
  countersOf,
  holdRequest,
  logger,
  outcomeOf,
  seedSession,
  sleep,
  startTestReservation,
  type TestReservation,
} from './harness';
import { advanceWindow, knowsWindow, queueTokenOf, queuedSession } from './queue-events';

/**
 * Holds of a session with its waiting room on need an admitted token, checked in the process
 * against the windows it learns from `queue.window.advanced`: no call to the queue.
 */
describe('holds of queued sessions', () => {
  let sys: TestReservation;
  let nc: NatsConnection;
  let bus: { nc: NatsConnection; prefix: string; url: string };

  beforeAll(async () => {
    sys = await startTestReservation('reservation_queue');
    nc = await connectNats(TEST_NATS_URL, 'reservation-queue-test');
    bus = { nc, prefix: sys.prefix, url: sys.url };
  });
  afterAll(async () => {
    await nc.close();
    await sys.close();
  });

  const hold = (sessionId: string, user: string, queueToken: string, key: string = randomUUID()) =>
    sys.call('hold', { ...holdRequest(sessionId, 2, key), queueToken }, `user:${user}`);

  /** A session whose places 1 and 2 are admitted, known to the service. */
  async function admittedSession() {
    const sessionId = await queuedSession(bus);
    await advanceWindow(bus, { sessionId, from: 1, upTo: 2 });
    await knowsWindow(sys.app, sessionId, 2);
    return sessionId;
  }

  async function expectNotAdmitted(call: Promise<unknown>, reason: string, sessionId: string, user: string) {
    const outcome = await outcomeOf(call);
    expect(outcome.code).toBe('NOT_ADMITTED');
    expect(outcome.error?.details).toMatchObject({ reason });
    expect(await countersOf(sys.url, sessionId)).toMatchObject({ available: 10, held: 0, version: 1 });
    expect(await queryOnce(sys.url, 'select 1 from hold where user_id = $1', [user])).toEqual([]);
    const audit = await queryOnce(
      sys.url,
      `select action, meta->>'outcome' as outcome, meta->>'reason' as reason from audit_log where actor_id = $1`,
      [user],
    );
    expect(audit).toEqual([{ action: 'hold.rejected', outcome: 'NOT_ADMITTED', reason }]);
  }

  it('allowsWhenWithinWindow: when the token is admitted, then the hold is made', async () => {
    const sessionId = await admittedSession();
    await expect(hold(sessionId, 'q-ok', queueTokenOf('q-ok', sessionId, 2))).resolves.toMatchObject({
      status: 'ACTIVE',
      quantity: 2,
    });
    expect(await countersOf(sys.url, sessionId)).toMatchObject({ available: 8, held: 2 });
  });

  it('when no token is sent, then the hold is NOT_ADMITTED (MISSING) and nothing is held', async () => {
    const sessionId = await admittedSession();
    await expectNotAdmitted(hold(sessionId, 'q-missing', ''), 'MISSING', sessionId, 'q-missing');
  });

  it("when another user's token is sent, then it is NOT_ADMITTED (INVALID)", async () => {
    const sessionId = await admittedSession();
    const theirs = queueTokenOf('q-owner', sessionId, 1);
    await expectNotAdmitted(hold(sessionId, 'q-foreign', theirs), 'INVALID', sessionId, 'q-foreign');
  });

  it("when another session's token is sent, then it is NOT_ADMITTED (INVALID)", async () => {
    const sessionId = await admittedSession();
    const other = await admittedSession();
    const token = queueTokenOf('q-elsewhere', other, 1);
    await expectNotAdmitted(hold(sessionId, 'q-elsewhere', token), 'INVALID', sessionId, 'q-elsewhere');
  });

  it('when the token is forged or garbage, then it is NOT_ADMITTED (INVALID)', async () => {
    const sessionId = await admittedSession();
    const forged = queueTokenOf('q-forger', sessionId, 1, 'not-the-queue-secret-but-32-characters-long');
    await expectNotAdmitted(hold(sessionId, 'q-forger', forged), 'INVALID', sessionId, 'q-forger');
    await expect(hold(sessionId, 'q-forger2', 'qt1.garbage.token')).rejects.toMatchObject({
      code: 'NOT_ADMITTED',
      details: { reason: 'INVALID' },
    });
  });

  it('when the place is past the window, then it is NOT_ADMITTED (WAITING)', async () => {
    const sessionId = await admittedSession();
    await expectNotAdmitted(
      hold(sessionId, 'q-wait', queueTokenOf('q-wait', sessionId, 3)),
      'WAITING',
      sessionId,
      'q-wait',
    );
  });

  it('when the time to hold has passed, then it is NOT_ADMITTED (EXPIRED)', async () => {
    const sessionId = await queuedSession(bus);
    await advanceWindow(bus, { sessionId, from: 1, upTo: 4, expiresAt: Date.now() - 1000 });
    await knowsWindow(sys.app, sessionId, 4);
    await expectNotAdmitted(
      hold(sessionId, 'q-late', queueTokenOf('q-late', sessionId, 4)),
      'EXPIRED',
      sessionId,
      'q-late',
    );
  });

  it('when a key was refused as NOT_ADMITTED, then the same key holds once the user is admitted', async () => {
    const sessionId = await admittedSession();
    const token = queueTokenOf('q-retry', sessionId, 3);
    await expect(hold(sessionId, 'q-retry', token, 'retry-key')).rejects.toMatchObject({ code: 'NOT_ADMITTED' });
    expect(await queryOnce(sys.url, `select 1 from idempotency_key where user_id = 'q-retry'`)).toEqual([]);
    await advanceWindow(bus, { sessionId, from: 3, upTo: 3 });
    await knowsWindow(sys.app, sessionId, 3);
    await expect(hold(sessionId, 'q-retry', token, 'retry-key')).resolves.toMatchObject({ status: 'ACTIVE' });
    expect(await countersOf(sys.url, sessionId)).toMatchObject({ held: 2 });
  });

  it('when a hold is retried with its key after the admission expired, then the hold is replayed', async () => {
    const sessionId = await queuedSession(bus);
    const expiresAt = Date.now() + 1500;
    await advanceWindow(bus, { sessionId, from: 1, upTo: 1, expiresAt });
    await knowsWindow(sys.app, sessionId, 1);
    const token = queueTokenOf('q-replay', sessionId, 1);
    const first = await hold(sessionId, 'q-replay', token, 'replay-key');
    await sleep(expiresAt - Date.now() + 50);
    await expect(hold(sessionId, 'q-replay', token, 'replay-key')).resolves.toEqual(first);
    await expect(hold(sessionId, 'q-replay', token)).rejects.toMatchObject({ details: { reason: 'EXPIRED' } });
  });

  it('when admitted and waiting buyers hold at once, then exactly the admitted ones hold', async () => {
    const sessionId = await queuedSession(bus);
    await advanceWindow(bus, { sessionId, from: 1, upTo: 3 });
    await knowsWindow(sys.app, sessionId, 3);
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        outcomeOf(
          sys.call(
            'hold',
            { ...holdRequest(sessionId, 1), queueToken: queueTokenOf(`q-crowd-${i + 1}`, sessionId, i + 1) },
            `user:q-crowd-${i + 1}`,
          ),
        ),
      ),
    );
    expect(outcomes.map((o) => o.code)).toEqual(['OK', 'OK', 'OK', 'NOT_ADMITTED', 'NOT_ADMITTED', 'NOT_ADMITTED']);
    expect(await countersOf(sys.url, sessionId)).toMatchObject({ available: 7, held: 3 });
    expect(await queryOnce(sys.url, `select 1 from idempotency_key where user_id like 'q-crowd-%'`)).toHaveLength(3);
  });

  it('when the session has no queue, then a garbage token is ignored', async () => {
    const { sessionId } = await seedSession(sys.app);
    await expect(hold(sessionId, 'q-none', 'anything at all')).resolves.toMatchObject({ status: 'ACTIVE' });
  });

  describe('windows per replica', () => {
    let replica: ReservationApp | undefined;
    let replicaClient: ReturnType<typeof createClient<'reservation'>> | undefined;
    afterAll(() => replicaClient?.close());
    const viaReplica = (sessionId: string, user: string, queueToken: string) =>
      unaryCall(
        replicaClient!,
        'hold',
        { ...holdRequest(sessionId, 1), queueToken },
        { metadata: bearerMetadata(`user:${user}`), deadlineMs: 20_000 },
      );

    it('when a replica starts after the steps were published, then it rebuilds the window from the stream', async () => {
      const sessionId = await queuedSession(bus);
      await advanceWindow(bus, { sessionId, from: 1, upTo: 2 });
      await advanceWindow(bus, { sessionId, from: 3, upTo: 5 });
      replica = await sys.startReplica();
      replicaClient = createClient('reservation', `127.0.0.1:${replica.grpc.port}`, credentials.createInsecure());
      // No waiting: the replica serves only once it has read the stream up to where it started.
      await expect(viaReplica(sessionId, 'q-restart', queueTokenOf('q-restart', sessionId, 5))).resolves.toMatchObject({
        status: 'ACTIVE',
      });
    });

    it('when the window reader starts, then it returns only once the steps stored before it are applied', async () => {
      const sessionId = await queuedSession(bus);
      for (let upTo = 1; upTo <= 50; upTo++) await advanceWindow(bus, { sessionId, from: upTo, upTo });
      const windows = new AdmissionWindows();
      const reader = await startQueueWindowReader({
        nats: nc,
        stream: streamFor(sys.prefix).name,
        subjectPrefix: sys.prefix,
        lookbackSec: 300,
        windows,
        now: () => new Date(),
        logger,
      });
      try {
        expect(windows.stepsOf(sessionId)).toHaveLength(50);
      } finally {
        await reader.stop();
      }
    });

    it('when a step is published, then both replicas learn it', async () => {
      const sessionId = await queuedSession(bus);
      await advanceWindow(bus, { sessionId, from: 1, upTo: 2 });
      await Promise.all([knowsWindow(sys.app, sessionId, 2), knowsWindow(replica!, sessionId, 2)]);
      await expect(hold(sessionId, 'q-r1', queueTokenOf('q-r1', sessionId, 1))).resolves.toMatchObject({
        status: 'ACTIVE',
      });
      await expect(viaReplica(sessionId, 'q-r2', queueTokenOf('q-r2', sessionId, 2))).resolves.toMatchObject({
        status: 'ACTIVE',
      });
    });
  });
});
