import { Type, type Static } from '@sinclair/typebox';
import type { reservationV1 } from '@ticketing/contracts';

export const TicketParams = Type.Object({ ticketId: Type.String({ maxLength: 64 }) }, { additionalProperties: false });

const Status = Type.Union([Type.Literal('VALID'), Type.Literal('CANCELLED')], {
  description: 'VALID admits one; CANCELLED (its order was cancelled) admits no one',
});
const SeatOfTicket = Type.Optional(
  Type.Object(
    { seatId: Type.String(), label: Type.String() },
    { description: 'seat-map sessions: the seat this ticket is for' },
  ),
);

/**
 * A ticket as its owner's lists show it. Neither its code nor its signed QR payload: those are what
 * admits, and they travel only as the QR image of one ticket.
 */
export const TicketSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  holdId: Type.String({ format: 'uuid', description: 'the order (a sold hold) it belongs to' }),
  sessionId: Type.String({ format: 'uuid' }),
  eventTitle: Type.String(),
  venue: Type.String(),
  sessionStartAt: Type.String({ format: 'date-time' }),
  seat: SeatOfTicket,
  quantity: Type.Optional(Type.Literal(1, { description: 'quantity sessions: one admission' })),
  status: Status,
  issuedAt: Type.String({ format: 'date-time' }),
});

/** A ticket inside its hold: which one, for which seat, whether it still admits. */
export const HoldTicketSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: Status,
  seat: SeatOfTicket,
});

type Ticket = reservationV1.Ticket__Output;
type TicketStatus = Static<typeof Status>;

const seatOf = (ticket: Ticket) =>
  ticket.seatId ? { seat: { seatId: ticket.seatId, label: ticket.seatLabel } } : undefined;

export function toTicket(ticket: Ticket): Static<typeof TicketSchema> {
  return {
    id: ticket.ticketId,
    holdId: ticket.holdId,
    sessionId: ticket.sessionId,
    eventTitle: ticket.event?.title ?? '',
    venue: ticket.event?.venue ?? '',
    sessionStartAt: ticket.event?.startAt ?? '',
    ...(seatOf(ticket) ?? { quantity: 1 as const }),
    status: ticket.status as TicketStatus,
    issuedAt: ticket.issuedAt,
  };
}

export function toHoldTicket(ticket: Ticket): Static<typeof HoldTicketSchema> {
  return { id: ticket.ticketId, status: ticket.status as TicketStatus, ...seatOf(ticket) };
}
