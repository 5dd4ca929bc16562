import { refuse, type Refusal } from './refusal';

export const MAX_TICKETS_PER_HOLD = 4;
export const MAX_TICKETS_PER_USER = 4;

export type SeatingKind = 'QUANTITY' | 'SEAT_MAP';
export type EventStatus = 'DRAFT' | 'PUBLISHED' | 'CANCELLED';
/** What a buyer asked for: a number of tickets, or named seats. */
export type SelectionKind = 'QUANTITY' | 'SEATS';

/** The facts of a session that decide whether it is on sale; copied from catalog's events. */
export interface SaleFacts {
  seatingKind: SeatingKind;
  eventStatus: EventStatus;
  salesOpenAt: Date;
  salesCloseAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isUuid = (value: string) => UUID.test(value);

export function quantityRefusal(quantity: number): Refusal | null {
  if (Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_TICKETS_PER_HOLD) return null;
  return refuse('INVALID_QUANTITY', `quantity must be 1 to ${MAX_TICKETS_PER_HOLD}`, {
    min: 1,
    max: MAX_TICKETS_PER_HOLD,
  });
}

export function seatSelectionRefusal(seatIds: readonly string[]): Refusal | null {
  if (seatIds.length < 1 || seatIds.length > MAX_TICKETS_PER_HOLD) {
    return refuse('INVALID_QUANTITY', `choose 1 to ${MAX_TICKETS_PER_HOLD} seats`, {
      min: 1,
      max: MAX_TICKETS_PER_HOLD,
    });
  }
  if (new Set(seatIds).size !== seatIds.length)
    return refuse('INVALID_ARGUMENT', 'a seat is listed twice', { field: 'seatIds' });
  const malformed = seatIds.filter((id) => !isUuid(id));
  if (malformed.length > 0)
    return refuse('INVALID_ARGUMENT', 'seat ids are the ids the session lists', {
      field: 'seatIds',
      unknownSeatIds: malformed,
    });
  return null;
}

/** A draft event is not on sale yet and a cancelled one never again, whatever its window says. */
export function salesWindowRefusal(facts: SaleFacts, now: Date): Refusal | null {
  if (facts.eventStatus === 'CANCELLED') return refuse('SALES_CLOSED', 'the event is cancelled');
  if (facts.eventStatus === 'DRAFT') return refuse('SALES_NOT_OPEN', 'the event is not on sale yet');
  if (now.getTime() < facts.salesOpenAt.getTime()) {
    return refuse('SALES_NOT_OPEN', 'sales have not opened yet', { salesOpenAt: facts.salesOpenAt.toISOString() });
  }
  if (now.getTime() >= facts.salesCloseAt.getTime()) {
    return refuse('SALES_CLOSED', 'sales are closed', { salesCloseAt: facts.salesCloseAt.toISOString() });
  }
  return null;
}

export function seatingRefusal(selection: SelectionKind, facts: SaleFacts): Refusal | null {
  if (facts.seatingKind === 'SEAT_MAP' && selection === 'QUANTITY')
    return refuse('INVALID_ARGUMENT', 'this session sells seats; send seatIds', { field: 'quantity' });
  if (facts.seatingKind === 'QUANTITY' && selection === 'SEATS')
    return refuse('INVALID_ARGUMENT', 'this session sells a number of tickets; send quantity', { field: 'seatIds' });
  return null;
}

/** `alreadyTaken`: the user's ACTIVE + SOLD tickets in this session. */
export function allowanceRefusal(alreadyTaken: number, quantity: number): Refusal | null {
  if (alreadyTaken + quantity <= MAX_TICKETS_PER_USER) return null;
  const remainingAllowance = Math.max(0, MAX_TICKETS_PER_USER - alreadyTaken);
  return refuse(
    'PER_USER_LIMIT_EXCEEDED',
    `at most ${MAX_TICKETS_PER_USER} tickets per person; you may take ${remainingAllowance} more`,
    {
      remainingAllowance,
      limit: MAX_TICKETS_PER_USER,
    },
  );
}

export function stockRefusal(available: number, quantity: number): Refusal | null {
  if (available <= 0) return refuse('SOLD_OUT', 'sold out', { available: 0 });
  if (available < quantity) return refuse('INSUFFICIENT_STOCK', `only ${available} left`, { available });
  return null;
}

export function holdExpiry(now: Date, ttlSec: number): Date {
  return new Date(now.getTime() + ttlSec * 1000);
}
