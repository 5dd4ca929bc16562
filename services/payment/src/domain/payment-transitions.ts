export const PAYMENT_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED', 'REFUND_PENDING', 'REFUNDED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** What the provider reports in a webhook. */
export const PROVIDER_STATUSES = ['SUCCESS', 'FAIL', 'REFUNDED'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/** What became of one received webhook; every one is recorded with it. */
export type CallbackOutcome = 'APPLIED' | 'DUPLICATE' | 'AMOUNT_MISMATCH' | 'IGNORED';

export type CallbackDecision = { outcome: 'APPLIED'; to: PaymentStatus } | { outcome: 'DUPLICATE' | 'IGNORED' };

const APPLIES: Record<ProviderStatus, Partial<Record<PaymentStatus, PaymentStatus>>> = {
  SUCCESS: { PENDING: 'SUCCEEDED' },
  FAIL: { PENDING: 'FAILED' },
  // From SUCCEEDED too: the provider's word on money is final, and a refund it made while our
  // REFUND_PENDING did not commit (or one made at the provider's console) must still show here.
  REFUNDED: { REFUND_PENDING: 'REFUNDED', SUCCEEDED: 'REFUNDED' },
};

/**
 * `seenBefore`: this (provider payment, status) was applied already, so this is a copy. A report
 * that does not fit the state (a success for a failed payment, a failure after a success) changes
 * nothing: the provider completes a payment once, so it is stale or out of order.
 */
export function decideCallback(
  current: PaymentStatus,
  reported: ProviderStatus,
  seenBefore: boolean,
): CallbackDecision {
  if (seenBefore) return { outcome: 'DUPLICATE' };
  const to = APPLIES[reported][current];
  return to ? { outcome: 'APPLIED', to } : { outcome: 'IGNORED' };
}

/**
 * What a refund request does: `start` moves SUCCEEDED to REFUND_PENDING and asks the provider;
 * `ask-again` asks again (the provider refunds a payment once, so asking twice is safe).
 */
export function refundStep(current: PaymentStatus): 'start' | 'ask-again' | 'done' | 'nothing-charged' {
  switch (current) {
    case 'SUCCEEDED':
      return 'start';
    case 'REFUND_PENDING':
      return 'ask-again';
    case 'REFUNDED':
      return 'done';
    case 'PENDING':
    case 'FAILED':
      return 'nothing-charged';
  }
}
