import type { HoldStatus } from '../domain/hold-transitions';
import type { HoldWithEvent, NewHold } from '../db/hold.repository';
import type { TicketView } from './ticket-view';

/** A hold as callers see it; also what an idempotency key stores and replays. */
export interface HoldView {
  holdId: string;
  sessionId: string;
  userId: string;
  quantity: number;
  seatIds: string[];
  seatLabels: string[];
  status: HoldStatus;
  expiresAt: string;
  event: { eventId: string; title: string; startAt: string; venue: string };
  totalPrice: { amountMinor: number; currency: string };
  createdAt: string;
  updatedAt: string;
  /** A sold (or cancelled) hold's tickets; absent from answers given before the sale. */
  tickets?: TicketView[];
}

export function toHoldView(hold: NewHold, event: HoldWithEvent['event'], tickets?: TicketView[]): HoldView {
  return {
    holdId: hold.id,
    sessionId: hold.sessionId,
    userId: hold.userId,
    quantity: hold.quantity,
    seatIds: hold.seatIds,
    seatLabels: hold.seatLabels,
    status: hold.status,
    expiresAt: hold.expiresAt.toISOString(),
    event: { eventId: event.eventId, title: event.title, startAt: event.startAt.toISOString(), venue: event.venue },
    totalPrice: { amountMinor: hold.priceMinor, currency: hold.currency },
    createdAt: hold.createdAt.toISOString(),
    updatedAt: hold.updatedAt.toISOString(),
    ...(tickets ? { tickets } : {}),
  };
}
