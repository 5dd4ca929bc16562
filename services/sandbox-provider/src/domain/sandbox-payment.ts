import type { ErrorCode } from '@ticketing/errors';

export type PaymentStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED';
export type Outcome = 'success' | 'fail';

/** How this payment's webhooks are delivered; chosen at creation, else taken from the config. */
export interface WebhookModes {
  delayMs: number;
  duplicates: boolean;
  outOfOrder: boolean;
}

/** The body of a webhook, as the payment service's callback reads it. Amounts are minor units. */
export interface WebhookBody {
  pgPaymentId: string;
  status: 'SUCCESS' | 'FAIL' | 'REFUNDED';
  amount: number;
  currency: string;
}

export interface SandboxPayment {
  readonly pgPaymentId: string;
  /** The merchant's own id for the payment: creation is idempotent by it. */
  readonly paymentId: string;
  readonly amount: number;
  readonly currency: string;
  readonly modes: WebhookModes;
  readonly status: PaymentStatus;
  readonly refundId?: string;
  /** Every webhook decided so far, oldest first: outOfOrder re-sends the one before the newest. */
  readonly webhooks: readonly WebhookBody[];
}

export interface Refusal {
  code: ErrorCode;
  message: string;
}

/** A state change and the webhook it calls for (none when it changed nothing). */
export type Change = { payment: SandboxPayment; webhook: WebhookBody | undefined } | Refusal;

export function newPayment(fields: Omit<SandboxPayment, 'status' | 'webhooks' | 'refundId'>): SandboxPayment {
  return { ...fields, status: 'PENDING', webhooks: [] };
}

/** A repeated creation must ask for the same money; anything else is another payment under a reused id. */
export function sameRequest(payment: SandboxPayment, request: { amount: number; currency: string }): boolean {
  return payment.amount === request.amount && payment.currency === request.currency;
}

function withWebhook(payment: SandboxPayment, changes: Partial<SandboxPayment>, status: WebhookBody['status']) {
  const webhook: WebhookBody = {
    pgPaymentId: payment.pgPaymentId,
    status,
    amount: payment.amount,
    currency: payment.currency,
  };
  return { payment: { ...payment, ...changes, webhooks: [...payment.webhooks, webhook] }, webhook };
}

/** The buyer's one decision: a payment is completed once, as a card is charged or declined once. */
export function completePayment(payment: SandboxPayment, outcome: Outcome): Change {
  if (payment.status !== 'PENDING') {
    return { code: 'CONFLICT', message: `the payment was completed already: it is ${payment.status}` };
  }
  return outcome === 'success'
    ? withWebhook(payment, { status: 'SUCCEEDED' }, 'SUCCESS')
    : withWebhook(payment, { status: 'FAILED' }, 'FAIL');
}

/** Full refunds only; a repeat answers the first refund again and sends nothing new. */
export function refundPayment(payment: SandboxPayment, amount: number, refundId: string): Change {
  if (payment.status === 'REFUNDED') return { payment, webhook: undefined };
  if (payment.status !== 'SUCCEEDED') {
    return { code: 'CONFLICT', message: `only a succeeded payment can be refunded: it is ${payment.status}` };
  }
  if (amount !== payment.amount) {
    return { code: 'AMOUNT_MISMATCH', message: `the refund must be the full amount paid, ${payment.amount}` };
  }
  return withWebhook(payment, { status: 'REFUNDED', refundId }, 'REFUNDED');
}
