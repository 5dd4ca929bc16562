import type { EntityManager } from '@mikro-orm/postgresql';
import { auditStatement, runTogether, Sql } from '@ticketing/db';
import { isUuid } from '../domain/checkout-rules';
import { refundStep } from '../domain/payment-transitions';
import { PaymentHistoryRepository } from '../db/payment-history.repository';
import { PaymentRepository } from '../db/payment.repository';
import type { PaymentDeps } from './deps';

/** `reservation.refund.requested` as reservation writes it. */
export interface RefundRequest {
  holdId: string;
  paymentId?: string;
  reason: string;
}

export type RefundResult = ReturnType<typeof refundStep> | 'no-payment' | 'malformed';

export function readRefundRequest(payload: unknown): RefundRequest | null {
  const { holdId, paymentId, reason } = (payload ?? {}) as Record<string, unknown>;
  if (typeof holdId !== 'string' || !isUuid(holdId)) return null;
  if (paymentId !== undefined && (typeof paymentId !== 'string' || !isUuid(paymentId))) return null;
  if (typeof reason !== 'string' || reason.length === 0 || reason.length > 100) return null;
  return { holdId, paymentId, reason };
}

/**
 * Runs in the consumer's transaction: SUCCEEDED becomes REFUND_PENDING (with its history), then
 * the provider is asked for the refund while the payment row is still locked. If the provider
 * fails, the transaction rolls back, the event is retried, and nothing here happened; if the
 * commit fails after the provider said yes, the retry asks again and the provider, which
 * refunds a payment once, says yes again. REFUNDED arrives later, by webhook.
 */
export async function requestRefund(
  deps: PaymentDeps,
  em: EntityManager,
  request: RefundRequest,
): Promise<RefundResult> {
  const sql = new Sql(em);
  const payments = new PaymentRepository(sql);
  const payment = request.paymentId
    ? await payments.lockById(request.paymentId)
    : await payments.lockByHold(request.holdId);
  if (!payment || payment.holdId !== request.holdId) return 'no-payment';
  const step = refundStep(payment.status);
  if (step === 'start') {
    const now = deps.now();
    await runTogether(sql, [
      PaymentRepository.changeStatus(payment.id, 'SUCCEEDED', 'REFUND_PENDING', now),
      PaymentHistoryRepository.append(payment.id, { status: 'REFUND_PENDING', at: now, reason: request.reason }),
      auditStatement([
        {
          actorId: null,
          action: 'payment.refund-requested',
          targetType: 'payment',
          targetId: payment.id,
          meta: { holdId: payment.holdId, reason: request.reason, amountMinor: payment.amountMinor },
        },
      ]),
    ]);
  }
  if (step === 'start' || step === 'ask-again') {
    await deps.provider.refund({ providerPaymentId: payment.providerPaymentId!, amountMinor: payment.amountMinor });
  }
  return step;
}
