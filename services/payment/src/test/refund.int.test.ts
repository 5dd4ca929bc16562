import { eventually, sleep } from '@ticketing/testing';
import { REFUND_REQUESTED } from '../events/refund-requested.consumer';
import { deliver, pendingPayment, rowsOf, startTestPayment, type TestPayment } from './harness';
import { allPublished, publishEvent, publishedEvents } from './stream';

describe('refunds asked for by reservation', () => {
  let sys: TestPayment;

  beforeAll(async () => {
    sys = await startTestPayment('payment_refund');
  });
  afterAll(() => sys.close());

  const statusOf = async (paymentId: string) =>
    (await rowsOf(sys, 'select status from payment where id = $1', [paymentId]))[0]!.status as string;
  const historyOf = async (paymentId: string) =>
    (
      await rowsOf(sys, 'select status, reason from payment_history where payment_id = $1 order by id', [paymentId])
    ).map((r) => [r.status, r.reason]);

  /** A payment the provider has reported paid. */
  async function succeededPayment(userId: string) {
    const made = await pendingPayment(sys, userId);
    await deliver(sys, made.report('SUCCESS'));
    return made;
  }

  it('refund flow: when a refund is requested, then REFUND_PENDING and the provider is asked; its REFUNDED webhook makes REFUNDED and payment.refunded', async () => {
    const { hold, payment, report } = await succeededPayment('r1');
    await publishEvent(sys.prefix, REFUND_REQUESTED, { holdId: hold.holdId, reason: 'CANCELLED' });
    await eventually(async () => (await statusOf(payment.paymentId)) === 'REFUND_PENDING');
    expect(sys.provider.refundsOf(payment.providerPaymentId)).toEqual([
      { providerPaymentId: payment.providerPaymentId, amountMinor: 110000 },
    ]);

    expect(await deliver(sys, report('REFUNDED'))).toMatchObject({ duplicate: false, status: 'REFUNDED' });
    expect(await historyOf(payment.paymentId)).toEqual([
      ['PENDING', ''],
      ['SUCCEEDED', ''],
      ['REFUND_PENDING', 'CANCELLED'],
      ['REFUNDED', ''],
    ]);
    await allPublished(sys);
    const events = (await publishedEvents(sys.prefix, 'payment.')).filter(
      (e) => e.payload.paymentId === payment.paymentId,
    );
    expect(events.map((e) => e.type)).toEqual(['payment.succeeded', 'payment.refunded']);
    expect(events[1]!.payload).toEqual({ paymentId: payment.paymentId, holdId: hold.holdId });
  });

  it('when the provider fails the refund, then the request is retried until it succeeds, and applies once', async () => {
    const { hold, payment } = await succeededPayment('r2');
    sys.provider.down = true;
    await publishEvent(sys.prefix, REFUND_REQUESTED, {
      holdId: hold.holdId,
      paymentId: payment.paymentId,
      reason: 'NOT_HONOURED',
    });
    await sleep(600);
    expect(await statusOf(payment.paymentId)).toBe('SUCCEEDED');
    sys.provider.down = false;
    await eventually(async () => (await statusOf(payment.paymentId)) === 'REFUND_PENDING');
    expect(sys.provider.refundsOf(payment.providerPaymentId)).toHaveLength(1);
    expect((await historyOf(payment.paymentId)).filter(([s]) => s === 'REFUND_PENDING')).toEqual([
      ['REFUND_PENDING', 'NOT_HONOURED'],
    ]);
  });

  it('when the refund request names a payment that never succeeded, or is malformed, then nothing changes and it is not retried', async () => {
    const { hold, payment } = await pendingPayment(sys, 'r3');
    const ignored = await publishEvent(sys.prefix, REFUND_REQUESTED, { holdId: hold.holdId, reason: 'CANCELLED' });
    const malformed = await publishEvent(sys.prefix, REFUND_REQUESTED, { holdId: 'nope' });
    await eventually(async () => {
      const seen = await rowsOf(sys, 'select event_id from inbox where event_id = any($1::uuid[])', [
        [ignored, malformed],
      ]);
      return seen.length === 2;
    });
    expect(await statusOf(payment.paymentId)).toBe('PENDING');
    expect(sys.provider.refundsOf(payment.providerPaymentId)).toEqual([]);
  });

  it('a consumer stopped mid-stream applies each event exactly once after restart', async () => {
    const paid: Awaited<ReturnType<typeof succeededPayment>>[] = [];
    for (let i = 0; i < 6; i++) paid.push(await succeededPayment(`r4-${i}`));
    const ids: string[] = [];
    for (const { hold } of paid.slice(0, 3))
      ids.push(await publishEvent(sys.prefix, REFUND_REQUESTED, { holdId: hold.holdId, reason: 'CANCELLED' }));
    await eventually(async () => (await statusOf(paid[0]!.payment.paymentId)) === 'REFUND_PENDING');
    await sys.restart(async () => {
      // Published while nobody consumes, and the first three again under the same event ids.
      for (const { hold } of paid.slice(3))
        ids.push(await publishEvent(sys.prefix, REFUND_REQUESTED, { holdId: hold.holdId, reason: 'CANCELLED' }));
      for (const [i, { hold }] of paid.slice(0, 3).entries())
        await publishEvent(sys.prefix, REFUND_REQUESTED, { holdId: hold.holdId, reason: 'CANCELLED' }, ids[i]);
    });

    await eventually(async () => {
      const statuses = await Promise.all(paid.map(({ payment }) => statusOf(payment.paymentId)));
      return statuses.every((s) => s === 'REFUND_PENDING');
    });
    await eventually(async () => {
      const seen = await rowsOf(
        sys,
        "select 1 from inbox where consumer = 'payment-refunds' and event_id = any($1::uuid[])",
        [ids],
      );
      return seen.length === 6;
    });
    await sleep(300);
    for (const { payment } of paid) {
      const pending = (await historyOf(payment.paymentId)).filter(([s]) => s === 'REFUND_PENDING');
      expect(pending).toHaveLength(1);
      expect(sys.provider.refundsOf(payment.providerPaymentId)).toHaveLength(1);
    }
  });
});
