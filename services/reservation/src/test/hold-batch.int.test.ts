import { randomUUID } from 'node:crypto';
import {
  capturingLogger,
  countersOf,
  holdRequest,
  outcomeOf,
  seedSession,
  startTestReservation,
  type TestReservation,
} from './harness';

/** The gateway's token as the auth service makes it: subject `service:gateway`, role SERVICE. */
const GATEWAY = 'service:service:gateway';

/** The gateway's path for holds: many buyers in one call, vouched for by the gateway. */
describe('HoldBatch', () => {
  let sys: TestReservation;

  beforeAll(async () => {
    sys = await startTestReservation('reservation_hold_batch');
  });
  afterAll(() => sys.close());

  const item = (userId: string, request: object, roles = ['USER']) => ({
    userId,
    roles,
    request,
    requestId: `req-${userId}`,
  });
  const codesOf = (results: Array<{ hold?: object; error?: { code: string } }>) =>
    results.map((r) => (r.hold ? 'OK' : r.error!.code));

  it('when a batch mixes accepted, sold-out, over-limit, replayed and invalid items, then each is answered on its own, in order', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 5 });
    const replayKey = randomUUID();
    const first = await sys.call('holdBatch', { items: [item('b-1', holdRequest(sessionId, 2, replayKey))] }, GATEWAY);
    expect(codesOf(first.results)).toEqual(['OK']);

    const { results } = await sys.call(
      'holdBatch',
      {
        items: [
          item('b-1', holdRequest(sessionId, 2, replayKey)), // the same key and body: the same hold
          item('b-1', holdRequest(sessionId, 3)), // 2 + 3 > 4
          item('b-2', holdRequest(sessionId, 2)), // takes 2 of the 3 left
          item('b-3', holdRequest(sessionId, 4)), // only 1 left
          item('b-4', holdRequest(sessionId, 9)), // not 1 to 4
          item('b-5', { sessionId, quantity: 1, idempotencyKey: '' }), // no key
          item('b-6', holdRequest(sessionId, 1), ['ADMIN']), // not a buyer
          item('b-7', holdRequest(sessionId, 1)), // the last one
          item('b-8', holdRequest(sessionId, 1)), // none left
        ],
      },
      GATEWAY,
    );

    expect(codesOf(results)).toEqual([
      'OK',
      'PER_USER_LIMIT_EXCEEDED',
      'OK',
      'INSUFFICIENT_STOCK',
      'INVALID_QUANTITY',
      'IDEMPOTENCY_KEY_REQUIRED',
      'FORBIDDEN',
      'OK',
      'SOLD_OUT',
    ]);
    expect(results[0].hold.holdId).toBe(first.results[0].hold.holdId);
    expect(results[2].hold).toMatchObject({ userId: 'b-2', quantity: 2, status: 'ACTIVE' });
    expect(JSON.parse(results[3].error.detailsJson)).toMatchObject({ available: 1 });
    expect(await countersOf(sys.url, sessionId)).toMatchObject({ total: 5, available: 0, held: 5 });
  });

  it('when more buyers than tickets come in one batch, then the first in the batch get them', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 3 });
    const buyers = Array.from({ length: 8 }, (_, i) => `order-${i}`);
    const { results } = await sys.call(
      'holdBatch',
      { items: buyers.map((userId) => item(userId, holdRequest(sessionId, 1))) },
      GATEWAY,
    );
    expect(codesOf(results)).toEqual(['OK', 'OK', 'OK', 'SOLD_OUT', 'SOLD_OUT', 'SOLD_OUT', 'SOLD_OUT', 'SOLD_OUT']);
  });

  it('when the caller is not a trusted gateway, then the whole batch is refused and nothing is held', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 5 });
    const batch = { items: [item('v-1', holdRequest(sessionId, 1))] };
    expect((await outcomeOf(sys.call('holdBatch', batch, 'service:service:payment'))).code).toBe('FORBIDDEN');
    expect((await outcomeOf(sys.call('holdBatch', batch, 'user:v-1'))).code).toBe('FORBIDDEN');
    expect((await outcomeOf(sys.call('holdBatch', batch, 'forged'))).code).toBe('TOKEN_INVALID');
    expect((await outcomeOf(sys.call('holdBatch', batch))).code).toBe('UNAUTHENTICATED');
    expect(await countersOf(sys.url, sessionId)).toMatchObject({ available: 5, held: 0 });
  });

  it('when the unary Hold is called directly, then it still needs a valid user token', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 5 });
    expect((await outcomeOf(sys.call('hold', holdRequest(sessionId, 1)))).code).toBe('UNAUTHENTICATED');
    expect((await outcomeOf(sys.call('hold', holdRequest(sessionId, 1), 'forged'))).code).toBe('TOKEN_INVALID');
    expect((await outcomeOf(sys.call('hold', holdRequest(sessionId, 1), GATEWAY))).code).toBe('FORBIDDEN');
    expect((await outcomeOf(sys.call('hold', holdRequest(sessionId, 1), 'user:direct'))).code).toBe('OK');
  });
});

describe('HoldBatch logging', () => {
  const capture = capturingLogger('debug');
  let sys: TestReservation;

  beforeAll(async () => {
    sys = await startTestReservation('reservation_hold_batch_logs', {}, {}, capture.logger);
  });
  afterAll(() => sys.close());

  it('when a batch is served, then it is one info line with the counts, and each hold a debug line', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 1 });
    const items = ['log-1', 'log-2', 'log-3'].map((userId) => ({
      userId,
      roles: ['USER'],
      request: holdRequest(sessionId, 1),
      requestId: `req-${userId}`,
    }));
    await sys.call('holdBatch', { items }, GATEWAY);

    const batchLines = capture.lines.filter((l) => l.action === 'hold-batch');
    expect(batchLines).toHaveLength(1);
    expect(batchLines[0]).toMatchObject({ level: 'info', items: 3, outcomes: { OK: 1, SOLD_OUT: 2 } });
    expect(typeof batchLines[0]!.latencyMs).toBe('number');
    const holdLines = capture.lines.filter((l) => l.msg === 'hold' && String(l.userId).startsWith('log-'));
    expect(holdLines.map((l) => [l.level, l.userId, l.requestId, l.outcome])).toEqual([
      ['debug', 'log-1', 'req-log-1', 'OK'],
      ['debug', 'log-2', 'req-log-2', 'SOLD_OUT'],
      ['debug', 'log-3', 'req-log-3', 'SOLD_OUT'],
    ]);
  });
});
