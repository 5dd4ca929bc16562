import type { NewEvent } from '@ticketing/nats-kit';
import type { PaymentStatus } from '../domain/payment-transitions';
import type { PaymentRow } from '../db/payment.repository';

export const PAYMENT_SUCCEEDED = 'payment.succeeded';
export const PAYMENT_FAILED = 'payment.failed';
export const PAYMENT_REFUNDED = 'payment.refunded';

/**
 * The event a change of status announces (reservation acts on these); none for REFUND_PENDING.
 * It continues the checkout's trace, not the webhook's: the sale that follows belongs to the purchase.
 */
export function statusEvent(payment: PaymentRow, to: PaymentStatus, reason: string): NewEvent | null {
  const event = statusEventBody(payment, to, reason);
  return event && { ...event, traceparent: payment.traceparent };
}

function statusEventBody(payment: PaymentRow, to: PaymentStatus, reason: string): NewEvent | null {
  switch (to) {
    case 'SUCCEEDED':
      return {
        type: PAYMENT_SUCCEEDED,
        payload: {
          paymentId: payment.id,
          holdId: payment.holdId,
          userId: payment.userId,
          amountMinor: payment.amountMinor,
          currency: payment.currency,
        },
      };
    case 'FAILED':
      return {
        type: PAYMENT_FAILED,
        payload: { paymentId: payment.id, holdId: payment.holdId, userId: payment.userId, reason },
      };
    case 'REFUNDED':
      return { type: PAYMENT_REFUNDED, payload: { paymentId: payment.id, holdId: payment.holdId } };
    case 'PENDING':
    case 'REFUND_PENDING':
      return null;
  }
}
