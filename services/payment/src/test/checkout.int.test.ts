import { randomUUID } from 'node:crypto';
import { outcomeOf, rowsOf, startTestPayment, type TestPayment } from './harness';

const checkoutOf = (holdId: string, idempotencyKey: string = randomUUID()) => ({
  holdId,
  method: 'CARD',
  idempotencyKey,
});

describe('checkout', () => {
  let sys: TestPayment;

  beforeAll(async () => {
    sys = await startTestPayment('payment_checkout');
  });
  afterAll(() => sys.close());

  it("when the buyer checks out their ACTIVE hold, then a PENDING payment of the hold's price with the provider's session", async () => {
    const hold = sys.hold('c1');
    const payment = await sys.call('checkout', checkoutOf(hold.holdId), 'user:c1');
    expect(payment).toMatchObject({
      holdId: hold.holdId,
      userId: 'c1',
      status: 'PENDING',
      amount: { amountMinor: '110000', currency: 'KRW' },
      method: 'CARD',
      provider: 'sandbox',
      expiresAt: hold.expiresAt,
      history: [{ status: 'PENDING', reason: '' }],
    });
    const atProvider = sys.provider.payments.get(payment.paymentId)!;
    expect(payment.providerPaymentId).toBe(atProvider.providerPaymentId);
    expect(payment.paymentSessionUrl).toBe(atProvider.sessionUrl);
    expect(atProvider.amountMinor).toBe(110000);
    expect(sys.reservation.tokens.at(-1)).toBe('user:c1');
  });

  it("checkoutOfAnotherUsersHoldIsNotFound: when a user checks out someone else's hold, then NOT_FOUND and no payment", async () => {
    const hold = sys.hold('owner');
    await expect(sys.call('checkout', checkoutOf(hold.holdId), 'user:intruder')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await rowsOf(sys, 'select 1 from payment where hold_id = $1', [hold.holdId])).toHaveLength(0);
  });

  it('when the hold is not ACTIVE, then HOLD_NOT_ACTIVE; when its time is up, then HOLD_EXPIRED', async () => {
    for (const status of ['SOLD', 'RELEASED', 'CANCELLED']) {
      const hold = sys.hold('c2', { status });
      await expect(sys.call('checkout', checkoutOf(hold.holdId), 'user:c2')).rejects.toMatchObject({
        code: 'HOLD_NOT_ACTIVE',
      });
    }
    const expired = sys.hold('c2', { status: 'EXPIRED', expiresAt: new Date(Date.now() - 1000).toISOString() });
    const timeUp = sys.hold('c2', { expiresAt: new Date(Date.now() - 1000).toISOString() });
    for (const hold of [expired, timeUp]) {
      await expect(sys.call('checkout', checkoutOf(hold.holdId), 'user:c2')).rejects.toMatchObject({
        code: 'HOLD_EXPIRED',
      });
    }
    expect(await rowsOf(sys, "select 1 from payment where user_id = 'c2'")).toHaveLength(0);
  });

  it('when the same key and body come again, then the same answer; with another body, IDEMPOTENCY_KEY_REUSED', async () => {
    const [first, second] = [sys.hold('c3'), sys.hold('c3')];
    const a = await sys.call('checkout', checkoutOf(first.holdId, 'key-c3'), 'user:c3');
    const again = await sys.call('checkout', checkoutOf(first.holdId, 'key-c3'), 'user:c3');
    expect(again).toEqual(a);
    await expect(sys.call('checkout', checkoutOf(second.holdId, 'key-c3'), 'user:c3')).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await rowsOf(sys, 'select 1 from payment where hold_id = $1', [second.holdId])).toHaveLength(0);
    // Keys are per user: another user's identical key is theirs alone.
    const other = sys.hold('c3b');
    expect((await sys.call('checkout', checkoutOf(other.holdId, 'key-c3'), 'user:c3b')).holdId).toBe(other.holdId);
  });

  it('when a kept key is retried after the hold has moved on, then its payment is answered again', async () => {
    const hold = sys.hold('c4');
    const first = await sys.call('checkout', checkoutOf(hold.holdId, 'key-c4'), 'user:c4');
    sys.reservation.put({ ...hold, status: 'EXPIRED' });
    expect(await sys.call('checkout', checkoutOf(hold.holdId, 'key-c4'), 'user:c4')).toEqual(first);
    await expect(sys.call('checkout', checkoutOf(hold.holdId, 'key-c4-new'), 'user:c4')).rejects.toMatchObject({
      code: 'HOLD_EXPIRED',
    });
  });

  it('when one hold is checked out twelve times at once with different keys, then there is one payment and every answer names it', async () => {
    const hold = sys.hold('c5');
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => sys.call('checkout', checkoutOf(hold.holdId), 'user:c5')),
    );
    expect(new Set(answers.map((a) => a.paymentId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.paymentSessionUrl)).size).toBe(1);
    expect(await rowsOf(sys, 'select 1 from payment where hold_id = $1', [hold.holdId])).toHaveLength(1);
    expect(
      await rowsOf(sys, 'select 1 from payment_history where payment_id = $1', [answers[0].paymentId]),
    ).toHaveLength(1);
  });

  it('when one key is sent with two different holds at once, then one succeeds, the other is IDEMPOTENCY_KEY_REUSED and has no payment', async () => {
    const [a, b] = [sys.hold('c6'), sys.hold('c6')];
    const outcomes = await Promise.all(
      [a, b].map((hold) => outcomeOf(sys.call('checkout', checkoutOf(hold.holdId, 'key-c6'), 'user:c6'))),
    );
    expect(outcomes.map((o) => o.code).sort()).toEqual(['IDEMPOTENCY_KEY_REUSED', 'OK']);
    expect(await rowsOf(sys, "select 1 from payment where user_id = 'c6'")).toHaveLength(1);
  });

  it('when the provider is down, then SERVICE_UNAVAILABLE; a retry with the same key once it is back gets the same payment, now with its session', async () => {
    const hold = sys.hold('c7');
    sys.provider.down = true;
    const failed = await outcomeOf(sys.call('checkout', checkoutOf(hold.holdId, 'key-c7'), 'user:c7'));
    sys.provider.down = false;
    expect(failed.code).toBe('SERVICE_UNAVAILABLE');
    const payment = await sys.call('checkout', checkoutOf(hold.holdId, 'key-c7'), 'user:c7');
    expect(payment.paymentSessionUrl).toBe(sys.provider.payments.get(payment.paymentId)!.sessionUrl);
    expect(await rowsOf(sys, 'select 1 from payment where hold_id = $1', [hold.holdId])).toHaveLength(1);
  });

  it('when the request itself is wrong, then it is refused before reservation is asked', async () => {
    const hold = sys.hold('c8');
    const asked = sys.reservation.tokens.length;
    await expect(
      sys.call('checkout', { ...checkoutOf(hold.holdId), idempotencyKey: '' }, 'user:c8'),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REQUIRED',
    });
    await expect(sys.call('checkout', { ...checkoutOf(hold.holdId), method: 0 }, 'user:c8')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(sys.call('checkout', checkoutOf('not-a-uuid'), 'user:c8')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(sys.reservation.tokens.length).toBe(asked);
  });

  it('when reservation cannot be reached, then SERVICE_UNAVAILABLE', async () => {
    const unreachable = await startTestPayment('payment_no_reservation', { RESERVATION_GRPC_URL: '127.0.0.1:1' });
    try {
      const hold = unreachable.hold('c9');
      await expect(unreachable.call('checkout', checkoutOf(hold.holdId), 'user:c9')).rejects.toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
      });
    } finally {
      await unreachable.close();
    }
  });
});
