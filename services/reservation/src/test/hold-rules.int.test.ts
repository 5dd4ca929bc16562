import { Client } from 'pg';
import { queryOnce } from '@ticketing/testing';
import { markHoldSold } from '../app/mark-hold-sold';
import { applySessionEvent } from '../app/apply-session-event';
import {
  capturingLogger,
  countersOf,
  holdRequest,
  logger,
  outcomeOf,
  seedSession,
  sessionPayload,
  sleep,
  startTestReservation,
  type TestReservation,
} from './harness';

const HOUR = 3_600_000;

/** Each rule of a hold through gRPC against PostgreSQL: the code, its details, and counters that do not move. */
describe('hold rules against PostgreSQL', () => {
  const capture = capturingLogger();
  let sys: TestReservation;

  beforeAll(async () => {
    sys = await startTestReservation('reservation_rules', {}, {}, capture.logger);
  });
  afterAll(() => sys.close());

  async function expectRefused(sessionId: string, request: object, token: string, expected: object) {
    const before = await countersOf(sys.url, sessionId);
    await expect(sys.call('hold', request, token)).rejects.toMatchObject(expected);
    expect(await countersOf(sys.url, sessionId)).toEqual(before);
  }

  it('quantityMustBeOneToFour: 0, 5 and -1 are INVALID_QUANTITY and nothing changes', async () => {
    const { sessionId } = await seedSession(sys.app);
    for (const quantity of [0, 5, -1]) {
      await expectRefused(sessionId, holdRequest(sessionId, quantity), 'user:q', { code: 'INVALID_QUANTITY' });
    }
    await expect(sys.call('hold', holdRequest(sessionId, 4), 'user:q')).resolves.toMatchObject({ quantity: 4 });
  });

  it('perUserLimitIsFourTicketsPerSession: ACTIVE and SOLD tickets count, and the answer says what is left', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 50 });
    const first = await sys.call('hold', holdRequest(sessionId, 2), 'user:limit');
    await markHoldSold(sys.app.deps, first.holdId);
    await sys.call('hold', holdRequest(sessionId, 1), 'user:limit');
    await expectRefused(sessionId, holdRequest(sessionId, 2), 'user:limit', {
      code: 'PER_USER_LIMIT_EXCEEDED',
      details: { remainingAllowance: 1 },
    });
    await sys.call('hold', holdRequest(sessionId, 1), 'user:limit');
    await expectRefused(sessionId, holdRequest(sessionId, 1), 'user:limit', {
      code: 'PER_USER_LIMIT_EXCEEDED',
      details: { remainingAllowance: 0 },
    });
    // Released or expired tickets no longer count.
    const other = await sys.call('hold', holdRequest(sessionId, 4), 'user:limit2');
    await sys.call('release', { holdId: other.holdId }, 'user:limit2');
    await expect(sys.call('hold', holdRequest(sessionId, 4), 'user:limit2')).resolves.toMatchObject({ quantity: 4 });
  });

  it('soldOutWhenNothingIsLeft: SOLD_OUT, and INSUFFICIENT_STOCK says what is left', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 3 });
    await expectRefused(sessionId, holdRequest(sessionId, 4), 'user:so1', {
      code: 'INSUFFICIENT_STOCK',
      details: { available: 3 },
    });
    await sys.call('hold', holdRequest(sessionId, 3), 'user:so1');
    await expectRefused(sessionId, holdRequest(sessionId, 1), 'user:so2', { code: 'SOLD_OUT' });
  });

  it('salesWindow: before opening SALES_NOT_OPEN, after closing SALES_CLOSED; a draft or cancelled event likewise', async () => {
    const now = Date.now();
    const early = await seedSession(sys.app, {
      salesOpenAt: new Date(now + HOUR).toISOString(),
      salesCloseAt: new Date(now + 2 * HOUR).toISOString(),
    });
    await expectRefused(early.sessionId, holdRequest(early.sessionId, 1), 'user:w', {
      code: 'SALES_NOT_OPEN',
      details: { salesOpenAt: early.salesOpenAt },
    });
    const late = await seedSession(sys.app, {
      salesOpenAt: new Date(now - 2 * HOUR).toISOString(),
      salesCloseAt: new Date(now - HOUR).toISOString(),
    });
    await expectRefused(late.sessionId, holdRequest(late.sessionId, 1), 'user:w', { code: 'SALES_CLOSED' });
    const draft = await seedSession(sys.app, { eventStatus: 'DRAFT' });
    await expectRefused(draft.sessionId, holdRequest(draft.sessionId, 1), 'user:w', { code: 'SALES_NOT_OPEN' });
    const cancelled = await seedSession(sys.app, { eventStatus: 'CANCELLED' });
    await expectRefused(cancelled.sessionId, holdRequest(cancelled.sessionId, 1), 'user:w', { code: 'SALES_CLOSED' });
  });

  it('unknownSessionIsNotFound: an unknown, malformed or deleted session is NOT_FOUND', async () => {
    await expect(
      sys.call('hold', holdRequest('5d1b8c3e-1111-4a2b-9c3d-000000000000', 1), 'user:nf'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(sys.call('hold', holdRequest('not-a-session', 1), 'user:nf')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const gone = await seedSession(sys.app);
    await sys.app.orm.em
      .fork()
      .transactional((em) =>
        applySessionEvent(
          em,
          'catalog.session.deleted',
          { sessionId: gone.sessionId, eventId: gone.eventId, version: 2 },
          new Date(),
          logger,
        ),
      );
    await expect(sys.call('hold', holdRequest(gone.sessionId, 1), 'user:nf')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // Not remembered under the key: the session may simply not have reached reservation yet.
    const late = sessionPayload();
    await expect(sys.call('hold', holdRequest(late.sessionId, 1, 'early-key'), 'user:nf')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await seedSession(sys.app, late);
    await expect(sys.call('hold', holdRequest(late.sessionId, 1, 'early-key'), 'user:nf')).resolves.toMatchObject({
      status: 'ACTIVE',
    });
  });

  it('idempotencyKeyIsRequired: an empty key is IDEMPOTENCY_KEY_REQUIRED, a malformed one INVALID_ARGUMENT', async () => {
    const { sessionId } = await seedSession(sys.app);
    await expectRefused(sessionId, holdRequest(sessionId, 1, ''), 'user:k', { code: 'IDEMPOTENCY_KEY_REQUIRED' });
    await expectRefused(sessionId, holdRequest(sessionId, 1, 'x'.repeat(101)), 'user:k', { code: 'INVALID_ARGUMENT' });
    await expectRefused(sessionId, holdRequest(sessionId, 1, 'with space'), 'user:k', { code: 'INVALID_ARGUMENT' });
  });

  it('sameKeyOtherBodyIsReused: the same key for another session or quantity is IDEMPOTENCY_KEY_REUSED; a refusal replays too', async () => {
    const a = await seedSession(sys.app, { totalStock: 2 });
    const b = await seedSession(sys.app);
    await sys.call('hold', holdRequest(a.sessionId, 1, 'reuse-1'), 'user:r');
    await expectRefused(a.sessionId, holdRequest(a.sessionId, 2, 'reuse-1'), 'user:r', {
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    await expectRefused(b.sessionId, holdRequest(b.sessionId, 1, 'reuse-1'), 'user:r', {
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    // A business refusal is the answer of its key, even once stock has come back.
    await expectRefused(a.sessionId, holdRequest(a.sessionId, 3, 'reuse-2'), 'user:r2', { code: 'INSUFFICIENT_STOCK' });
    const stored = await queryOnce(sys.url, 'select * from idempotency_key where user_id = $1 and key = $2', [
      'r2',
      'reuse-2',
    ]);
    expect(stored[0]).toMatchObject({
      response: { error: { code: 'INSUFFICIENT_STOCK', details: { available: 1 } } },
    });
    // The answer is replayed from the response alone; an HTTP status is the gateway's business.
    expect(stored[0]).not.toHaveProperty('status_code');
    await expectRefused(a.sessionId, holdRequest(a.sessionId, 3, 'reuse-2'), 'user:r2', {
      code: 'INSUFFICIENT_STOCK',
      details: { available: 1 },
    });
  });

  it('seatingKindMustMatch: seats for a quantity session, or nothing at all, is INVALID_ARGUMENT', async () => {
    const { sessionId } = await seedSession(sys.app);
    await expectRefused(
      sessionId,
      { sessionId, seats: { seatIds: ['00000000-0000-4000-8000-000000000001'] }, idempotencyKey: 'seat-q' },
      'user:s',
      {
        code: 'INVALID_ARGUMENT',
      },
    );
    await expectRefused(sessionId, { sessionId, idempotencyKey: 'none' }, 'user:s', { code: 'INVALID_ARGUMENT' });
  });

  it('everyAttemptIsAuditedAndLogged: success and each failure is one audit row and one log line with its outcome and latency', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 1 });
    const ok = await sys.call('hold', holdRequest(sessionId, 1, 'audit-1'), 'user:audit');
    await outcomeOf(sys.call('hold', holdRequest(sessionId, 1, 'audit-2'), 'user:audit'));
    await outcomeOf(sys.call('hold', holdRequest(sessionId, 9, 'audit-3'), 'user:audit'));
    await sys.call('hold', holdRequest(sessionId, 1, 'audit-1'), 'user:audit');
    const rows = await queryOnce<{ action: string; target_id: string; meta: Record<string, unknown> }>(
      sys.url,
      `select action, target_id, meta from audit_log where actor_id = 'audit' order by id`,
    );
    expect(rows.map((r) => [r.action, r.meta.outcome])).toEqual([
      ['hold.created', 'OK'],
      ['hold.rejected', 'SOLD_OUT'],
      ['hold.rejected', 'INVALID_QUANTITY'],
      ['hold.replayed', 'OK'],
    ]);
    expect(rows[0]).toMatchObject({
      target_id: ok.holdId,
      meta: { sessionId, quantity: 1, idempotencyKey: 'audit-1' },
    });
    // One line per attempt: the call's own line, carrying the hold's facts.
    const lines = capture.lines.filter((l) => l.userId === 'audit');
    expect(lines.map((l) => [l.outcome, l.replayed])).toEqual([
      ['ok', false],
      ['SOLD_OUT', false],
      ['INVALID_QUANTITY', undefined],
      ['ok', true],
    ]);
    expect(lines[0]!.holdId).toBe(ok.holdId);
    for (const line of lines) {
      expect(line).toMatchObject({
        method: '/ticketing.reservation.v1.ReservationService/Hold',
        action: 'hold',
        sessionId,
        quantity: expect.any(Number),
        latencyMs: expect.any(Number),
      });
    }
  });

  describe('with the stock row held by another transaction', () => {
    let blocker: Client;
    beforeEach(async () => {
      blocker = new Client({ connectionString: sys.url });
      await blocker.connect();
    });
    afterEach(() => blocker.end());

    /** The first request starts a transaction that waits on the lock; the rest arrive meanwhile and queue. */
    async function fireWhileLocked(
      sessionId: string,
      first: () => Promise<unknown>,
      rest: Array<() => Promise<unknown>>,
    ) {
      await blocker.query('begin');
      await blocker.query('select 1 from stock where session_id = $1 for update', [sessionId]);
      const firstOutcome = outcomeOf(first());
      await sleep(150);
      const restOutcomes: Array<Promise<{ code: string; value?: unknown }>> = [];
      for (const call of rest) {
        restOutcomes.push(outcomeOf(call()));
        await sleep(15);
      }
      await sleep(100);
      await blocker.query('commit');
      return { first: await firstOutcome, rest: await Promise.all(restOutcomes) };
    }

    it('requestsArrivingDuringATransactionShareTheNextOne: decided in arrival order, each with its own answer', async () => {
      const { sessionId } = await seedSession(sys.app, { totalStock: 3 });
      const before = sys.app.holdTickets.stats();
      const users = ['g1', 'g2', 'g3', 'g4', 'g5'];
      const result = await fireWhileLocked(
        sessionId,
        () => sys.call('hold', holdRequest(sessionId, 1), 'user:g0'),
        users.map((u) => () => sys.call('hold', holdRequest(sessionId, 1), `user:${u}`)),
      );
      const after = sys.app.holdTickets.stats();
      expect(after.batches - before.batches).toBe(2);
      expect(after.largest).toBeGreaterThanOrEqual(5);
      expect(result.first.code).toBe('OK');
      expect(result.rest.map((r) => r.code)).toEqual(['OK', 'OK', 'SOLD_OUT', 'SOLD_OUT', 'SOLD_OUT']);
      expect(await countersOf(sys.url, sessionId)).toMatchObject({ available: 0, held: 3 });
    });

    it('whenABatchFailsUnexpectedlyEveryRequestOfItGetsINTERNALAndNothingIsKept', async () => {
      const { sessionId } = await seedSession(sys.app, { totalStock: 20 });
      // A real failure inside the transaction: the database refuses the poisoned user's hold row.
      await queryOnce(
        sys.url,
        `create or replace function poison() returns trigger language plpgsql as $$
         begin if new.user_id = 'poison' then raise exception 'disk on fire'; end if; return new; end $$`,
      );
      await queryOnce(
        sys.url,
        'create trigger poison_hold before insert on hold for each row execute function poison()',
      );
      try {
        const before = await countersOf(sys.url, sessionId);
        const result = await fireWhileLocked(sessionId, () => sys.call('hold', holdRequest(sessionId, 1), 'user:b0'), [
          () => sys.call('hold', holdRequest(sessionId, 1, 'batch-k1'), 'user:b1'),
          () => sys.call('hold', holdRequest(sessionId, 1), 'user:poison'),
          () => sys.call('hold', holdRequest(sessionId, 2), 'user:b2'),
        ]);
        expect(result.first.code).toBe('OK');
        expect(result.rest.map((r) => r.code)).toEqual(['INTERNAL', 'INTERNAL', 'INTERNAL']);
        expect(await countersOf(sys.url, sessionId)).toMatchObject({
          available: before.available - 1,
          held: before.held + 1,
        });
        const kept = await queryOnce(
          sys.url,
          `select count(*)::int as n from hold where user_id in ('b1', 'poison', 'b2')`,
        );
        expect(kept[0]!.n).toBe(0);
        const keys = await queryOnce(sys.url, `select count(*)::int as n from idempotency_key where user_id = 'b1'`);
        expect(keys[0]!.n).toBe(0);
        // The failed attempts are still on record, written outside the rolled-back transaction.
        await sleep(100);
        const audit = await queryOnce(
          sys.url,
          `select count(*)::int as n from audit_log where action = 'hold.failed' and actor_id in ('b1', 'poison', 'b2')`,
        );
        expect(audit[0]!.n).toBe(3);
        // Nothing was remembered under the key, so the retry is a new attempt and succeeds.
        await expect(sys.call('hold', holdRequest(sessionId, 1, 'batch-k1'), 'user:b1')).resolves.toMatchObject({
          status: 'ACTIVE',
        });
      } finally {
        await queryOnce(sys.url, 'drop trigger poison_hold on hold');
      }
    });
  });
});
