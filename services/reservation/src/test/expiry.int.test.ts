import { queryOnce } from '@ticketing/testing';
import type { ReservationDeps } from '../app/deps';
import { expireHolds, forgetOldIdempotencyKeys } from '../app/expire-holds';
import {
  countersOf,
  eventually,
  holdRequest,
  seedSession,
  startTestReservation,
  type TestReservation,
} from './harness';

describe('hold expiry against PostgreSQL', () => {
  let sys: TestReservation;

  beforeAll(async () => {
    sys = await startTestReservation('reservation_expiry', { HOLD_TTL_SEC: '1', SWEEP_INTERVAL_MS: '100' });
  });
  afterAll(() => sys.close());

  it('sweeperRunsContinuously: a hold past its TTL is expired within a sweep interval and its tickets come back', async () => {
    const { sessionId } = await seedSession(sys.app);
    const hold = await sys.call('hold', holdRequest(sessionId, 4), 'user:exp1');
    expect(await countersOf(sys.url, sessionId)).toMatchObject({ available: 6, held: 4 });
    await eventually(async () => (await countersOf(sys.url, sessionId)).available === 10, 3000);
    expect(await countersOf(sys.url, sessionId)).toMatchObject({ available: 10, held: 0, sold: 0 });
    await expect(sys.call('getHold', { holdId: hold.holdId }, 'user:exp1')).resolves.toMatchObject({
      status: 'EXPIRED',
    });
    const audit = await queryOnce(sys.url, `select action from audit_log where target_id = $1 order by id`, [
      hold.holdId,
    ]);
    expect(audit.map((r) => r.action)).toEqual(['hold.created', 'hold.expired']);
  });

  it('expiredTicketsCountNoLongerForTheUser: after expiry the user may hold 4 again', async () => {
    const { sessionId } = await seedSession(sys.app);
    await sys.call('hold', holdRequest(sessionId, 4), 'user:exp2');
    await eventually(async () => (await countersOf(sys.url, sessionId)).held === 0, 3000);
    await expect(sys.call('hold', holdRequest(sessionId, 4), 'user:exp2')).resolves.toMatchObject({ status: 'ACTIVE' });
  });

  it('twoSweepersAtOnceNeverReturnTheSameHoldTwice: two instances on one database return every expired hold exactly once', async () => {
    // Only the sweepers of this test run: the service's own is stopped, the replica's sees no expired hold yet.
    await sys.app.sweeper.stop();
    const replica = await sys.startReplica({ SWEEP_INTERVAL_MS: '60000' });
    const sessions = await Promise.all(Array.from({ length: 4 }, () => seedSession(sys.app, { totalStock: 200 })));
    for (const { sessionId } of sessions) {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          sys.call('hold', holdRequest(sessionId, 1 + (i % 4)), `user:sweep-${sessionId}-${i}`),
        ),
      );
    }
    const active = await queryOnce(sys.url, `select count(*)::int as n from hold where status = 'ACTIVE'`);
    const later = (deps: ReservationDeps): ReservationDeps => ({ ...deps, now: () => new Date(Date.now() + 60_000) });
    // Small transactions, so the two take turns on each session instead of one doing it all.
    const [a, b] = await Promise.all([expireHolds(later(sys.app.deps), 7), expireHolds(later(replica.deps), 7)]);
    console.log(`two sweepers: ${a} + ${b} holds expired of ${active[0]!.n} active`);
    expect(a + b).toBe(active[0]!.n);
    expect(Math.min(a, b)).toBeGreaterThan(0);
    for (const { sessionId } of sessions)
      expect(await countersOf(sys.url, sessionId)).toMatchObject({ total: 200, available: 200, held: 0 });
    const events = await queryOnce(
      sys.url,
      `select count(*)::int as n, count(distinct payload->>'holdId')::int as d from outbox where type = 'reservation.hold.expired'`,
    );
    expect(events[0]!.n).toBe(events[0]!.d);
    const audits = await queryOnce(
      sys.url,
      `select count(*)::int as n, count(distinct target_id)::int as d from audit_log where action = 'hold.expired'`,
    );
    expect(audits[0]).toEqual({ n: events[0]!.n, d: events[0]!.n });
  });

  it('idempotencyKeysAreKeptForTheirRetentionThenForgotten', async () => {
    const { sessionId } = await seedSession(sys.app);
    await sys.call('hold', holdRequest(sessionId, 1, 'kept-key'), 'user:ret');
    await queryOnce(
      sys.url,
      `insert into idempotency_key (user_id, key, fingerprint, response, created_at) values ('ret', 'old-key', 'f', '{}', now() - interval '25 hours')`,
    );
    expect(await forgetOldIdempotencyKeys(sys.app.deps, 24)).toBe(1);
    const left = await queryOnce(sys.url, `select key from idempotency_key where user_id = 'ret'`);
    expect(left.map((r) => r.key)).toEqual(['kept-key']);
  });
});

describe('restart after a crash', () => {
  it('holdsThatExpiredWhileTheServiceWasDownAreReturnedAtStartUp', async () => {
    const first = await startTestReservation('reservation_restart', { HOLD_TTL_SEC: '1', SWEEP_INTERVAL_MS: '60000' });
    try {
      const { sessionId } = await seedSession(first.app);
      await first.call('hold', holdRequest(sessionId, 3), 'user:crash');
      // The process dies with the hold still ACTIVE: the sweeper never gets to it.
      await first.app.sweeper.stop();
      await new Promise((r) => setTimeout(r, 1100));
      expect(await countersOf(first.url, sessionId)).toMatchObject({ held: 3 });

      await first.startReplica();
      expect(await countersOf(first.url, sessionId)).toMatchObject({ available: 10, held: 0 });
    } finally {
      await first.close();
    }
  });
});
