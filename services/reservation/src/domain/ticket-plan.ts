import { randomBytes, randomUUID } from 'node:crypto';

export type TicketStatus = 'VALID' | 'CANCELLED';

export interface NewTicket {
  id: string;
  code: string;
  holdId: string;
  sessionId: string;
  userId: string;
  seatId: string | null;
  seatLabel: string | null;
  status: TicketStatus;
  issuedAt: Date;
}

/** 128 random bits: a code is what admits at the door, so it must not be guessable from any other. */
export const newTicketCode = (): string => randomBytes(16).toString('base64url');

/** One ticket per unit of a quantity hold, one per seat (in the hold's seat order) of a seat hold. */
export function ticketsFor(
  hold: { id: string; sessionId: string; userId: string; quantity: number; seatIds: string[]; seatLabels: string[] },
  now: Date,
): NewTicket[] {
  return Array.from({ length: hold.quantity }, (_, i) => ({
    id: randomUUID(),
    code: newTicketCode(),
    holdId: hold.id,
    sessionId: hold.sessionId,
    userId: hold.userId,
    seatId: hold.seatIds[i] ?? null,
    seatLabel: hold.seatLabels[i] ?? null,
    status: 'VALID',
    issuedAt: now,
  }));
}
