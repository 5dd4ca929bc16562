import { credentials } from '@grpc/grpc-js';
import { createClient } from '@ticketing/contracts';
import { bearerMetadata, unaryCall } from '@ticketing/grpc-kit';
import { queryOnce } from '@ticketing/testing';
import type { ReservationApp } from '../app';
import { countersOf, holdRequest, outcomeOf, seedSession, startTestReservation, type TestReservation } from './harness';

/**
 * No oversell under real concurrency, with grouping (group commit) on as it runs in production:
 * many parallel gRPC calls, batched per session, and a second instance on the same database.
 */
describe('holds under concurrency (grouping on)', () => {
  let sys: TestReservation;
  let replica: ReservationApp;
  let replicaClient: ReturnType<typeof createClient<'reservation'>>;

  beforeAll(async () => {
    sys = await startTestReservation('reservation_concurrency');
    replica = await sys.startReplica();
    replicaClient = createClient('reservation', `127.0.0.1:${replica.grpc.port}`, credentials.createInsecure());
  });
  afterAll(async () => {
    replicaClient.close();
    await sys.close();
  });

  const viaReplica = (request: object, token: string) =>
    unaryCall(replicaClient, 'hold', request, { metadata: bearerMetadata(token), deadlineMs: 20_000 });
  const hold = (instance: 0 | 1, request: object, token: string) =>
    instance === 0 ? sys.call('hold', request, token) : viaReplica(request, token);

  /** The invariant as the database holds it: counters add up, and held/sold match the holds themselves. */
  async function expectConserved(sessionId: string) {
    const c = await countersOf(sys.url, sessionId);
    const holds = await queryOnce<{ status: string; n: number }>(
      sys.url,
      `select status, coalesce(sum(quantity), 0)::int as n from hold where session_id = $1 group by status`,
      [sessionId],
    );
    const by = Object.fromEntries(holds.map((h) => [h.status, h.n]));
    expect(c.available + c.held + c.sold).toBe(c.total);
    expect(Math.min(c.available, c.held, c.sold)).toBeGreaterThanOrEqual(0);
    expect(c.held).toBe(by.ACTIVE ?? 0);
    expect(c.sold).toBe(by.SOLD ?? 0);
    const overLimit = await queryOnce(
      sys.url,
      `select user_id from hold where session_id = $1 and status in ('ACTIVE', 'SOLD') group by user_id having sum(quantity) > 4`,
      [sessionId],
    );
    expect(overLimit).toEqual([]);
    return c;
  }

  const tally = (codes: string[]) =>
    codes.reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});
  const batchesSince = (before: { batches: number }[]) =>
    [sys.app.holdTickets.stats(), replica.holdTickets.stats()].map((s, i) => s.batches - before[i]!.batches);

  it('oneTicketTwoBuyers: exactly one succeeds and the other is SOLD_OUT, every time, on one instance or two', async () => {
    const rounds = 20;
    for (let round = 0; round < rounds; round++) {
      const { sessionId } = await seedSession(sys.app, { totalStock: 1 });
      const instances: Array<0 | 1> = round % 2 ? [0, 1] : [0, 0];
      const outcomes = await Promise.all(
        instances.map((instance, i) => outcomeOf(hold(instance, holdRequest(sessionId, 1), `user:r${round}-${i}`))),
      );
      expect(outcomes.map((o) => o.code).sort()).toEqual(['OK', 'SOLD_OUT']);
      expect(await expectConserved(sessionId)).toMatchObject({ available: 0, held: 1 });
    }
    console.log(`one ticket, two buyers: ${rounds} rounds, each exactly 1 success and 1 SOLD_OUT`);
  });

  it('twoHundredBuyersFiftyTickets: exactly 50 are held, the rest SOLD_OUT, counters conserved', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 50 });
    const before = [sys.app.holdTickets.stats(), replica.holdTickets.stats()];
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        outcomeOf(hold((i % 2) as 0 | 1, holdRequest(sessionId, 1), `user:buyer-${i}`)),
      ),
    );
    const elapsed = Math.round(performance.now() - started);
    const counts = tally(outcomes.map((o) => o.code));
    const counters = await expectConserved(sessionId);
    console.log(
      `200 buyers / 50 tickets over 2 instances: attempts 200, successes ${counts.OK}, ${JSON.stringify(counts)}, ` +
        `final ${JSON.stringify(counters)}, transactions ${batchesSince(before).join(' + ')}, ${elapsed} ms`,
    );
    expect(counts).toEqual({ OK: 50, SOLD_OUT: 150 });
    expect(counters).toMatchObject({ total: 50, available: 0, held: 50, sold: 0 });
    const holds = await queryOnce(
      sys.url,
      `select count(distinct user_id)::int as users, count(*)::int as n from hold where session_id = $1`,
      [sessionId],
    );
    expect(holds[0]).toEqual({ users: 50, n: 50 });
  });

  it('mixedQuantitiesNeverOversell: 300 requests of 1 to 4 for 100 tickets end with every ticket held once', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 100 });
    const before = [sys.app.holdTickets.stats(), replica.holdTickets.stats()];
    const outcomes = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        outcomeOf(hold((i % 2) as 0 | 1, holdRequest(sessionId, 1 + (i % 4)), `user:mix-${i % 120}`)),
      ),
    );
    const counts = tally(outcomes.map((o) => o.code));
    const counters = await expectConserved(sessionId);
    const taken = outcomes.reduce((sum, o, i) => (o.code === 'OK' ? sum + 1 + (i % 4) : sum), 0);
    console.log(
      `300 mixed requests / 100 tickets: ${JSON.stringify(counts)}, tickets held ${taken}, final ${JSON.stringify(counters)}, transactions ${batchesSince(before).join(' + ')}`,
    );
    expect(taken).toBe(counters.held);
    expect(counters.held + counters.available).toBe(100);
  });

  it('sameUserTenParallelHolds: at most 4 succeed, the rest PER_USER_LIMIT_EXCEEDED', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 100 });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => outcomeOf(hold((i % 2) as 0 | 1, holdRequest(sessionId, 1), 'user:greedy'))),
    );
    const counts = tally(outcomes.map((o) => o.code));
    const counters = await expectConserved(sessionId);
    console.log(
      `one user, 10 parallel holds of 1: attempts 10, ${JSON.stringify(counts)}, final ${JSON.stringify(counters)}`,
    );
    expect(counts).toEqual({ OK: 4, PER_USER_LIMIT_EXCEEDED: 6 });
    expect(counters).toMatchObject({ available: 96, held: 4 });
  });

  it('sameKeyTwentyTimesAtOnce: one hold, and all twenty answers carry the same holdId', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 10 });
    const request = holdRequest(sessionId, 2, 'double-click');
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => outcomeOf(hold((i % 2) as 0 | 1, request, 'user:clicker'))),
    );
    const ids = new Set(outcomes.map((o) => (o.value as { holdId?: string } | undefined)?.holdId));
    const counters = await expectConserved(sessionId);
    console.log(
      `same key 20 times at once: ${JSON.stringify(tally(outcomes.map((o) => o.code)))}, distinct holdIds ${ids.size}, final ${JSON.stringify(counters)}`,
    );
    expect(outcomes.every((o) => o.code === 'OK')).toBe(true);
    expect(ids.size).toBe(1);
    expect(counters).toMatchObject({ available: 8, held: 2 });
    const holds = await queryOnce(sys.url, `select count(*)::int as n from hold where user_id = 'clicker'`);
    expect(holds[0]!.n).toBe(1);
  });

  it('sameKeyForTwoSessionsAtOnce: the transactions wait for each other on the key; one hold, the other IDEMPOTENCY_KEY_REUSED', async () => {
    for (let round = 0; round < 10; round++) {
      const [a, b] = await Promise.all([seedSession(sys.app), seedSession(sys.app)]);
      const outcomes = await Promise.all([
        outcomeOf(hold(0, holdRequest(a.sessionId, 1, `shared-${round}`), 'user:two-tabs')),
        outcomeOf(hold(1, holdRequest(b.sessionId, 1, `shared-${round}`), 'user:two-tabs')),
      ]);
      expect(outcomes.map((o) => o.code).sort()).toEqual(['IDEMPOTENCY_KEY_REUSED', 'OK']);
    }
    const holds = await queryOnce(sys.url, `select count(*)::int as n from hold where user_id = 'two-tabs'`);
    expect(holds[0]!.n).toBe(10);
  });
});

describe('holds under concurrency with grouping off', () => {
  let sys: TestReservation;
  beforeAll(async () => {
    sys = await startTestReservation('reservation_no_grouping', { HOLD_BATCH_MAX: '1' });
  });
  afterAll(() => sys.close());

  it('groupingOffKeepsTheSameRules: 200 buyers for 50 tickets, one transaction each', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 50 });
    const before = sys.app.holdTickets.stats();
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => outcomeOf(sys.call('hold', holdRequest(sessionId, 1), `user:solo-${i}`))),
    );
    const after = sys.app.holdTickets.stats();
    const counts = outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o.code]: (t[o.code] ?? 0) + 1 }), {});
    const counters = await countersOf(sys.url, sessionId);
    console.log(
      `grouping off, 200 buyers / 50 tickets: ${JSON.stringify(counts)}, final ${JSON.stringify(counters)}, transactions ${after.batches - before.batches}`,
    );
    expect(counts).toEqual({ OK: 50, SOLD_OUT: 150 });
    expect(after.batches - before.batches).toBe(200);
    expect(counters).toMatchObject({ total: 50, available: 0, held: 50 });
  });
});
