import type { NewEvent } from '@ticketing/nats-kit';
import type { StockCounters } from '../domain/stock-counters';
import type { NewHold } from '../db/hold.repository';

export const HOLD_CREATED = 'reservation.hold.created';
export const HOLD_RELEASED = 'reservation.hold.released';
export const HOLD_EXPIRED = 'reservation.hold.expired';
export const HOLD_SOLD = 'reservation.hold.sold';
export const HOLD_CANCELLED = 'reservation.hold.cancelled';
export const STOCK_CHANGED = 'reservation.stock.changed';
export const REFUND_REQUESTED = 'reservation.refund.requested';

type HoldEventType =
  typeof HOLD_CREATED | typeof HOLD_RELEASED | typeof HOLD_EXPIRED | typeof HOLD_SOLD | typeof HOLD_CANCELLED;

/** What payment (and anyone else) needs to act on a hold without calling back. */
export function holdEvent(type: HoldEventType, hold: NewHold): NewEvent {
  return {
    type,
    payload: {
      holdId: hold.id,
      sessionId: hold.sessionId,
      userId: hold.userId,
      quantity: hold.quantity,
      seatIds: hold.seatIds,
      status: hold.status,
      expiresAt: hold.expiresAt.toISOString(),
      totalPrice: { amountMinor: hold.priceMinor, currency: hold.currency },
    },
  };
}

/** The whole count, not a diff, with a per-session version: catalog keeps the newest and drops the rest. */
export function stockChanged(sessionId: string, version: number, counters: StockCounters): NewEvent {
  return { type: STOCK_CHANGED, payload: { sessionId, version, ...counters } };
}

/**
 * Asks payment to give the money back: for a cancelled purchase, or for a payment whose sale could
 * not be honoured (NOT_HONOURED). Payment refunds a SUCCEEDED payment once, whatever the repeats.
 */
export function refundRequested(
  holdId: string,
  paymentId: string | null,
  reason: 'CANCELLED' | 'NOT_HONOURED',
): NewEvent {
  return { type: REFUND_REQUESTED, payload: { holdId, ...(paymentId ? { paymentId } : {}), reason } };
}
