import { AppError } from '@ticketing/errors';
import { newPayment, sameRequest, type SandboxPayment, type WebhookModes } from '../domain/sandbox-payment';
import type { ProviderDeps } from './deps';

export interface CreatePaymentRequest {
  paymentId: string;
  amount: number;
  currency: string;
  webhook?: Partial<WebhookModes>;
}

export function sessionUrlOf(deps: ProviderDeps, payment: SandboxPayment): string {
  return `${deps.publicUrl()}/checkout/${encodeURIComponent(payment.pgPaymentId)}`;
}

function modesFor(deps: ProviderDeps, chosen: Partial<WebhookModes> = {}): WebhookModes {
  return {
    delayMs: chosen.delayMs ?? deps.defaultModes.delayMs,
    duplicates: chosen.duplicates ?? deps.defaultModes.duplicates,
    outOfOrder: chosen.outOfOrder ?? deps.defaultModes.outOfOrder,
  };
}

/** Idempotent by the merchant's paymentId: a retry after a lost answer gets the same session. */
export function createPayment(deps: ProviderDeps, request: CreatePaymentRequest): SandboxPayment {
  const existing = deps.store.byPaymentId(request.paymentId);
  if (existing) {
    if (!sameRequest(existing, request)) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this paymentId was created with another amount or currency', {
        amount: existing.amount,
        currency: existing.currency,
      });
    }
    return existing;
  }
  const payment = newPayment({
    pgPaymentId: deps.newId('pg'),
    paymentId: request.paymentId,
    amount: request.amount,
    currency: request.currency,
    modes: modesFor(deps, request.webhook),
  });
  deps.store.put(payment);
  return payment;
}
