import { deliver, pendingPayment, startTestPayment, type TestPayment } from './harness';
import { allPublished, publishedEvents } from './stream';

/** Every change of status writes its event in its own transaction; the relay publishes them to the real stream. */
describe('payment events on the stream', () => {
  let sys: TestPayment;

  beforeAll(async () => {
    sys = await startTestPayment('payment_events');
  });
  afterAll(() => sys.close());

  const eventsOf = async (paymentId: string) => {
    await allPublished(sys);
    return (await publishedEvents(sys.prefix, 'payment.')).filter((e) => e.payload.paymentId === paymentId);
  };

  it('when a payment succeeds, then payment.succeeded carries the payment, hold, buyer and amount', async () => {
    const { hold, payment, report } = await pendingPayment(sys, 'e1');
    await deliver(sys, report('SUCCESS'));
    const events = await eventsOf(payment.paymentId);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      [
        'payment.succeeded',
        { paymentId: payment.paymentId, holdId: hold.holdId, userId: 'e1', amountMinor: 110000, currency: 'KRW' },
      ],
    ]);
  });

  it('when a payment fails, then payment.failed carries the payment, hold, buyer and why', async () => {
    const { hold, payment, report } = await pendingPayment(sys, 'e2');
    await deliver(sys, report('FAIL'));
    const events = await eventsOf(payment.paymentId);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['payment.failed', { paymentId: payment.paymentId, holdId: hold.holdId, userId: 'e2', reason: 'DECLINED' }],
    ]);
  });

  it('when only a checkout happened, then no event is published for it', async () => {
    const { payment } = await pendingPayment(sys, 'e3');
    expect(await eventsOf(payment.paymentId)).toEqual([]);
  });
});
