import type { TicketStatus } from '../domain/ticket-plan';
import type { TicketQrSigner } from '../domain/ticket-qr';
import type { TicketWithEvent } from '../db/ticket.repository';

/**
 * A ticket as its owner sees it, with the QR payload signed at the moment it is shown. A cancelled
 * ticket admits no one, so it is no longer signed: its payload is empty.
 */
export interface TicketView {
  ticketId: string;
  code: string;
  qrPayload: string;
  seatId: string;
  seatLabel: string;
  holdId: string;
  sessionId: string;
  status: TicketStatus;
  event: { eventId: string; title: string; startAt: string; venue: string };
  issuedAt: string;
}

export function toTicketView(ticket: TicketWithEvent, qr: TicketQrSigner): TicketView {
  return {
    ticketId: ticket.id,
    code: ticket.code,
    qrPayload:
      ticket.status === 'VALID'
        ? qr.sign({ ticketId: ticket.id, code: ticket.code, holdId: ticket.holdId, sessionId: ticket.sessionId })
        : '',
    seatId: ticket.seatId ?? '',
    seatLabel: ticket.seatLabel ?? '',
    holdId: ticket.holdId,
    sessionId: ticket.sessionId,
    status: ticket.status,
    event: {
      eventId: ticket.event.eventId,
      title: ticket.event.title,
      startAt: ticket.event.startAt.toISOString(),
      venue: ticket.event.venue,
    },
    issuedAt: ticket.issuedAt.toISOString(),
  };
}
