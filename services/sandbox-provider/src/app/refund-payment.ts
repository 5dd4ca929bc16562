import { AppError } from '@ticketing/errors';
import { planDelivery } from '../domain/delivery-plan';
import { refundPayment } from '../domain/sandbox-payment';
import { findPayment } from './complete-payment';
import type { ProviderDeps } from './deps';

/** One refund per payment: a repeated request answers the same refundId and sends no new webhook. */
export function refund(deps: ProviderDeps, pgPaymentId: string, amount: number): { refundId: string } {
  const change = refundPayment(findPayment(deps, pgPaymentId), amount, deps.newId('rf'));
  if ('code' in change) throw new AppError(change.code, change.message);
  if (change.webhook) {
    deps.store.put(change.payment);
    deps.sender.deliver(planDelivery(change.payment));
  }
  const { refundId } = change.payment;
  if (refundId === undefined) throw new AppError('INTERNAL', 'a refunded payment has no refund id');
  return { refundId };
}
