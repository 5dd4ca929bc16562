import { randomUUID } from 'node:crypto';
import type { PaymentProvider } from '../app/payment-provider';

/**
 * Stands in for the payment company in most tests: in memory, idempotent as the real one must
 * be, and able to be "down". The sandbox provider itself is tested against in its own file.
 */
export class FakeProvider implements PaymentProvider {
  readonly name = 'sandbox';
  readonly payments = new Map<string, { providerPaymentId: string; sessionUrl: string; amountMinor: number }>();
  readonly refunds: Array<{ providerPaymentId: string; amountMinor: number }> = [];
  createCalls = 0;
  /** While true every call fails, as when the provider cannot be reached. */
  down = false;

  async createPayment(request: { paymentId: string; amountMinor: number; currency: string }) {
    this.createCalls += 1;
    if (this.down) throw new Error('provider down');
    let payment = this.payments.get(request.paymentId);
    if (!payment) {
      const providerPaymentId = `pg_${randomUUID()}`;
      payment = {
        providerPaymentId,
        sessionUrl: `http://sandbox.test/checkout/${providerPaymentId}`,
        amountMinor: request.amountMinor,
      };
      this.payments.set(request.paymentId, payment);
    }
    return { providerPaymentId: payment.providerPaymentId, sessionUrl: payment.sessionUrl };
  }

  async refund(request: { providerPaymentId: string; amountMinor: number }) {
    if (this.down) throw new Error('provider down');
    this.refunds.push(request);
    return { refundId: `rf_${request.providerPaymentId}` };
  }

  refundsOf(providerPaymentId: string) {
    return this.refunds.filter((r) => r.providerPaymentId === providerPaymentId);
  }
}
