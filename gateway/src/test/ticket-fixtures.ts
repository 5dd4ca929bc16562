import { AppError } from '@ticketing/errors';
import type { MethodSpec } from '@ticketing/grpc-kit';
import { HOLD, hold, SESSION } from './reservation-fixtures';

/**
 * The reservation service's side after a sale, canned: the caller's tickets, one ticket with its
 * signed QR payload, and cancelling the fixture hold.
 */
export const TICKET = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const SEAT_TICKET = '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b';
export const CANCELLED_TICKET = '0e1d2c3b-4a59-4687-9a8b-7c6d5e4f3a2b';
/** A hold the fake refuses to cancel: its session starts too soon. */
export const CLOSED_HOLD = '7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
export const SEAT_ID = '00000000-0000-4000-8000-000000000001';
export const QR_PAYLOAD = 'tq1.k1.eyJ0IjoiOWE4YiIsImMiOiJjb2RlIn0.c2lnbmVkLWJ5LXJlc2VydmF0aW9u';

export const ticket = {
  ticketId: TICKET,
  code: 'Zk3v9QmR2xLp8TnW4yHs1A',
  qrPayload: QR_PAYLOAD,
  seatId: '',
  seatLabel: '',
  holdId: HOLD,
  sessionId: SESSION,
  status: 'VALID',
  event: hold.event,
  issuedAt: '2026-12-01T10:01:00.000Z',
};
export const seatTicket = { ...ticket, ticketId: SEAT_TICKET, seatId: SEAT_ID, seatLabel: 'A1', code: 'other-code' };
export const cancelledTicket = { ...ticket, ticketId: CANCELLED_TICKET, status: 'CANCELLED' };

/** The tickets as GET /api/me/tickets lists them: no code, no QR payload. */
export const restTicket = {
  id: TICKET,
  holdId: HOLD,
  sessionId: SESSION,
  eventTitle: 'Spring Concert',
  venue: 'Seoul Arena',
  sessionStartAt: hold.event.startAt,
  quantity: 1,
  status: 'VALID',
  issuedAt: ticket.issuedAt,
};
export const restSeatTicket = {
  id: SEAT_TICKET,
  holdId: HOLD,
  sessionId: SESSION,
  eventTitle: 'Spring Concert',
  venue: 'Seoul Arena',
  sessionStartAt: hold.event.startAt,
  seat: { seatId: SEAT_ID, label: 'A1' },
  status: 'VALID',
  issuedAt: ticket.issuedAt,
};

type Method = 'cancel' | 'listMyTickets' | 'getMyTicket';
export type TicketReceived = Record<Method, Array<{ request: any; caller: string | undefined }>>;

export function fakeTickets(): { methods: Record<string, MethodSpec>; received: TicketReceived; reset(): void } {
  const received: TicketReceived = { cancel: [], listMyTickets: [], getMyTicket: [] };
  const recorded = (method: Method, answer: (request: any) => unknown): MethodSpec => ({
    access: 'public',
    handle: async (request, context) => {
      received[method].push({ request, caller: context.metadata.get('authorization')[0] as string | undefined });
      return answer(request);
    },
  });
  const methods: Record<string, MethodSpec> = {
    cancel: recorded('cancel', (request: { holdId: string }) => {
      if (request.holdId === CLOSED_HOLD) throw new AppError('CANCELLATION_CLOSED', 'the session starts within 24 h');
      if (request.holdId !== HOLD) throw new AppError('NOT_FOUND', 'hold not found');
      const cancelled = (t: typeof ticket) => ({ ...t, status: 'CANCELLED' });
      return { ...hold, status: 'CANCELLED', tickets: [cancelled(ticket), cancelled(seatTicket)] };
    }),
    listMyTickets: recorded('listMyTickets', () => ({ items: [ticket, seatTicket], nextCursor: 'next-page' })),
    getMyTicket: recorded('getMyTicket', (request: { ticketId: string }) => {
      const found = [ticket, seatTicket, cancelledTicket].find((t) => t.ticketId === request.ticketId);
      // Another user's ticket is as unknown as one that does not exist.
      if (!found) throw new AppError('NOT_FOUND', 'ticket not found');
      return found;
    }),
  };
  return { methods, received, reset: () => Object.values(received).forEach((list) => list.splice(0)) };
}
