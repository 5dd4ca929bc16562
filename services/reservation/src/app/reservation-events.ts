import type { NewEvent } from '@ticketing/nats-kit';
import type { StockCounters } from '../domain/stock-counters';
import type { NewHold } from '../db/hold.repository';

export const HOLD_CREATED = 'reservation.hold.created';
export const HOLD_RELEASED = 'reservation.hold.released';
export const HOLD_EXPIRED = 'reservation.hold.expired';
export const HOLD_SOLD = 'reservation.hold.sold';
export const STOCK_CHANGED = 'reservation.stock.changed';

type HoldEventType = typeof HOLD_CREATED | typeof HOLD_RELEASED | typeof HOLD_EXPIRED | typeof HOLD_SOLD;

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
