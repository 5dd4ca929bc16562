import { planDelivery } from './delivery-plan';
import { completePayment, newPayment, refundPayment, type SandboxPayment, type WebhookModes } from './sandbox-payment';

function paidAndRefunded(modes: WebhookModes): { paid: SandboxPayment; refunded: SandboxPayment } {
  const created = newPayment({ pgPaymentId: 'pg_1', paymentId: 'p', amount: 500, currency: 'USD', modes });
  const paid = completePayment(created, 'success');
  if (!('payment' in paid)) throw new Error('expected a success');
  const refunded = refundPayment(paid.payment, 500, 'rf_1');
  if (!('payment' in refunded)) throw new Error('expected a refund');
  return { paid: paid.payment, refunded: refunded.payment };
}

const statuses = (plan: ReturnType<typeof planDelivery>) => plan.steps.map((s) => [s.body.status, s.copies]);

describe('planDelivery', () => {
  it('when no mode is on, then the newest webhook is sent once, at once', () => {
    const { paid, refunded } = paidAndRefunded({ delayMs: 0, duplicates: false, outOfOrder: false });
    expect(planDelivery(paid)).toMatchObject({ delayMs: 0 });
    expect(statuses(planDelivery(paid))).toEqual([['SUCCESS', 1]]);
    expect(statuses(planDelivery(refunded))).toEqual([['REFUNDED', 1]]);
  });

  it('when duplicates is on, then each step sends two copies', () => {
    const { refunded } = paidAndRefunded({ delayMs: 0, duplicates: true, outOfOrder: true });
    expect(statuses(planDelivery(refunded))).toEqual([
      ['REFUNDED', 2],
      ['SUCCESS', 2],
    ]);
  });

  it('when outOfOrder is on, then after the newest webhook the one before it is sent again, stale', () => {
    const { paid, refunded } = paidAndRefunded({ delayMs: 0, duplicates: false, outOfOrder: true });
    expect(statuses(planDelivery(paid))).toEqual([['SUCCESS', 1]]);
    expect(statuses(planDelivery(refunded))).toEqual([
      ['REFUNDED', 1],
      ['SUCCESS', 1],
    ]);
  });

  it('when a delay is set, then the plan carries it', () => {
    const { paid } = paidAndRefunded({ delayMs: 750, duplicates: false, outOfOrder: false });
    expect(planDelivery(paid).delayMs).toBe(750);
  });

  it('when nothing was decided yet, then there is nothing to send', () => {
    const modes = { delayMs: 0, duplicates: true, outOfOrder: true };
    const created = newPayment({ pgPaymentId: 'pg_1', paymentId: 'p', amount: 500, currency: 'USD', modes });
    expect(planDelivery(created).steps).toEqual([]);
  });
});
