import { AppError } from '@ticketing/errors';
import { planDelivery } from '../domain/delivery-plan';
import { completePayment, type Outcome, type SandboxPayment } from '../domain/sandbox-payment';
import type { ProviderDeps } from './deps';

export function findPayment(deps: ProviderDeps, pgPaymentId: string): SandboxPayment {
  const payment = deps.store.byPgId(pgPaymentId);
  if (!payment) throw new AppError('NOT_FOUND', 'no payment with this pgPaymentId');
  return payment;
}

/** The buyer pays or fails; the merchant hears of it by webhook, in the background. */
export function completeCheckout(deps: ProviderDeps, pgPaymentId: string, outcome: Outcome): SandboxPayment {
  // Read, decide and store in one synchronous turn: two completions cannot both see PENDING.
  const change = completePayment(findPayment(deps, pgPaymentId), outcome);
  if ('code' in change) throw new AppError(change.code, change.message);
  deps.store.put(change.payment);
  deps.sender.deliver(planDelivery(change.payment));
  return change.payment;
}
