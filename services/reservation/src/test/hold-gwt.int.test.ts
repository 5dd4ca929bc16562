import { queryOnce } from '@ticketing/testing';
import { countersOf, holdRequest, seedSession, startTestReservation, type TestReservation } from './harness';

/** The spec's GWT 1-4 (DomainHoldServiceTest) through gRPC against the real PostgreSQL. */
describe('DomainHoldServiceTest against PostgreSQL', () => {
  let sys: TestReservation;

  beforeAll(async () => {
    sys = await startTestReservation('reservation_gwt', { HOLD_TTL_SEC: '120' });
  });
  afterAll(() => sys.close());

  it('holdSucceedsWhenSufficientInventory', async () => {
    const session = await seedSession(sys.app, { totalStock: 10 });
    const before = Date.now();
    const hold = await sys.call('hold', holdRequest(session.sessionId, 3), 'user:gwt1');
    expect(hold).toMatchObject({
      holdId: expect.any(String),
      sessionId: session.sessionId,
      userId: 'gwt1',
      quantity: 3,
      status: 'ACTIVE',
      event: { eventId: session.eventId, title: 'Spring Concert', venue: 'Seoul Arena', startAt: session.startAt },
      totalPrice: { amountMinor: '165000', currency: 'KRW' },
    });
    const expiresIn = Date.parse(hold.expiresAt) - before;
    expect(expiresIn).toBeGreaterThanOrEqual(119_000);
    expect(expiresIn).toBeLessThanOrEqual(121_000);
    expect(await countersOf(sys.url, session.sessionId)).toMatchObject({ total: 10, available: 7, held: 3, sold: 0 });
    const stored = await queryOnce(sys.url, 'select status, quantity, expires_at from hold where id = $1', [
      hold.holdId,
    ]);
    expect(stored[0]).toMatchObject({ status: 'ACTIVE', quantity: 3, expires_at: new Date(hold.expiresAt) });
  });

  it('holdFailsWhenInsufficientInventory', async () => {
    const session = await seedSession(sys.app, { totalStock: 10 });
    await sys.call('hold', holdRequest(session.sessionId, 4), 'user:gwt2a');
    await sys.call('hold', holdRequest(session.sessionId, 4), 'user:gwt2b');
    const before = await countersOf(sys.url, session.sessionId);
    expect(before.available).toBe(2);

    await expect(sys.call('hold', holdRequest(session.sessionId, 3), 'user:gwt2c')).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: { available: 2 },
    });
    expect(await countersOf(sys.url, session.sessionId)).toEqual(before);
    const holds = await queryOnce(sys.url, 'select count(*)::int as n from hold where user_id = $1', ['gwt2c']);
    expect(holds[0]!.n).toBe(0);
  });

  it('holdIsIdempotentWithSameKey', async () => {
    const session = await seedSession(sys.app, { totalStock: 10 });
    const request = holdRequest(session.sessionId, 2, 'gwt3-key');
    const first = await sys.call('hold', request, 'user:gwt3');
    const again = await sys.call('hold', request, 'user:gwt3');
    const third = await sys.call('hold', request, 'user:gwt3');
    expect(again).toEqual(first);
    expect(third).toEqual(first);
    expect(await countersOf(sys.url, session.sessionId)).toMatchObject({ available: 8, held: 2 });
    await expect(sys.call('hold', { ...request, quantity: 1 }, 'user:gwt3')).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    // The key belongs to the user: another user with the same key is another request.
    const other = await sys.call('hold', request, 'user:gwt3-other');
    expect(other.holdId).not.toBe(first.holdId);
  });

  it('holdExpiresAndRestoresInventory', async () => {
    const session = await seedSession(sys.app, { totalStock: 10 });
    const hold = await sys.call('hold', holdRequest(session.sessionId, 3), 'user:gwt4');
    expect(await countersOf(sys.url, session.sessionId)).toMatchObject({ available: 7, held: 3 });
    // The clock moves past the hold's expiry; the sweeper runs (as it does every second).
    await queryOnce(sys.url, `update hold set expires_at = now() - interval '1 second' where id = $1`, [hold.holdId]);
    const { expired } = await sys.app.sweeper.sweep();
    expect(expired).toBe(1);
    expect(await countersOf(sys.url, session.sessionId)).toMatchObject({ total: 10, available: 10, held: 0, sold: 0 });
    await expect(sys.call('getHold', { holdId: hold.holdId }, 'user:gwt4')).resolves.toMatchObject({
      status: 'EXPIRED',
    });
  });
});
