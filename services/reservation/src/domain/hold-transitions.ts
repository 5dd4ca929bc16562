import { refuse, type Refusal } from './refusal';

export type HoldStatus = 'ACTIVE' | 'SOLD' | 'EXPIRED' | 'RELEASED' | 'CANCELLED';
export const HOLD_STATUSES: readonly HoldStatus[] = ['ACTIVE', 'SOLD', 'EXPIRED', 'RELEASED', 'CANCELLED'];

export interface HoldState {
  userId: string;
  status: HoldStatus;
  expiresAt: Date;
}

/** An ACTIVE hold past its expiry is expired already, even before the sweeper has returned it. */
export function expiredAt(hold: HoldState, now: Date): boolean {
  return hold.status === 'ACTIVE' && hold.expiresAt.getTime() <= now.getTime();
}

function finished(hold: HoldState, now: Date): Refusal {
  if (hold.status === 'EXPIRED' || expiredAt(hold, now))
    return refuse('HOLD_EXPIRED', 'the hold has expired and its tickets went back on sale');
  return refuse('CONFLICT', `the hold is ${hold.status}`, { status: hold.status });
}

/** Someone else's hold does not exist as far as the caller can tell. */
export function releaseRefusal(hold: HoldState | null, callerId: string, now: Date): Refusal | null {
  if (!hold || hold.userId !== callerId) return refuse('NOT_FOUND', 'hold not found');
  if (hold.status === 'ACTIVE' && !expiredAt(hold, now)) return null;
  return finished(hold, now);
}

/** Payment's success turns an ACTIVE hold SOLD once; a repeat is harmless, a late one is refused. */
export function saleDecision(hold: HoldState | null, now: Date): 'sell' | 'already-sold' | Refusal {
  if (!hold) return refuse('NOT_FOUND', 'hold not found');
  if (hold.status === 'SOLD') return 'already-sold';
  if (hold.status === 'ACTIVE' && !expiredAt(hold, now)) return 'sell';
  return finished(hold, now);
}

/**
 * What a payment's success does to its hold. ACTIVE sells even past its time: its tickets stay held
 * for it until the sweeper returns them, and the payment may have succeeded before the hold ran out.
 * An ended hold is taken again if stock allows. A sold or cancelled hold is done, unless another
 * payment sold it: then this one is paid for nothing and is refunded.
 */
export function paymentSuccessDecision(
  hold: { status: HoldStatus; paymentId: string | null },
  paymentId: string,
): 'sell-held' | 'retake' | 'already-applied' | 'refund' {
  switch (hold.status) {
    case 'ACTIVE':
      return 'sell-held';
    case 'EXPIRED':
    case 'RELEASED':
      return 'retake';
    case 'SOLD':
    case 'CANCELLED':
      return hold.paymentId === null || hold.paymentId === paymentId ? 'already-applied' : 'refund';
  }
}

/** A failed payment gives an ACTIVE hold's tickets back at once; any other hold has nothing to give. */
export const releasesOnPaymentFailure = (hold: { status: HoldStatus }): boolean => hold.status === 'ACTIVE';
