import { isUuid } from './hold-rules';

/** What was charged, in minor units; `absent` when the event carries no amount (failures). */
export type PaidAmount = { amountMinor: number; currency: string | null } | 'absent' | 'unreadable';

/** What reservation reads of `payment.succeeded` / `payment.failed`. */
export interface PaymentOutcome {
  paymentId: string;
  holdId: string;
  paid: PaidAmount;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function paidOf(amount: unknown, currency: unknown): PaidAmount {
  if (amount === undefined || amount === null) return 'absent';
  const n = typeof amount === 'string' && /^\d+$/.test(amount) ? Number(amount) : amount;
  if (!Number.isSafeInteger(n) || (n as number) < 0) return 'unreadable';
  return { amountMinor: n as number, currency: typeof currency === 'string' ? currency : null };
}

/**
 * Events come from another service: whatever cannot name a payment and a hold is named as a
 * problem. An amount that cannot be read still names its payment, so a success can be refunded
 * rather than dropped.
 */
export function parsePaymentOutcome(payload: unknown): { outcome: PaymentOutcome } | { problem: string } {
  if (!isRecord(payload)) return { problem: 'payload is not an object' };
  const { paymentId, holdId } = payload;
  if (typeof holdId !== 'string' || !isUuid(holdId)) return { problem: 'holdId' };
  if (typeof paymentId !== 'string' || paymentId.length === 0 || paymentId.length > 200)
    return { problem: 'paymentId' };
  return { outcome: { paymentId, holdId, paid: paidOf(payload.amountMinor, payload.currency) } };
}

/** A sale is honoured only for the price the hold was taken at: anything else is refunded, not sold. */
export function paidAmountDiffers(paid: PaidAmount, hold: { priceMinor: number; currency: string }): boolean {
  if (paid === 'absent') return false;
  if (paid === 'unreadable') return true;
  return paid.amountMinor !== hold.priceMinor || paid.currency !== hold.currency;
}
