import {
  allowanceRefusal,
  holdExpiry,
  quantityRefusal,
  salesWindowRefusal,
  seatingRefusal,
  seatSelectionRefusal,
  stockRefusal,
  type SaleFacts,
} from './hold-rules';

const facts: SaleFacts = {
  seatingKind: 'QUANTITY',
  eventStatus: 'PUBLISHED',
  salesOpenAt: new Date('2026-12-01T10:00:00Z'),
  salesCloseAt: new Date('2026-12-01T12:00:00Z'),
};
const SEAT = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('hold rules', () => {
  it('quantityMustBeOneToFour: 1 to 4 pass; 0, negative, 5 or more and fractions are INVALID_QUANTITY', () => {
    for (const q of [1, 2, 3, 4]) expect(quantityRefusal(q)).toBeNull();
    for (const q of [0, -1, 5, 100, 1.5, Number.NaN])
      expect(quantityRefusal(q)).toMatchObject({ code: 'INVALID_QUANTITY' });
  });

  it('seatSelectionMustBeOneToFourDistinctSeats: empty or over four is INVALID_QUANTITY, repeats or bad ids INVALID_ARGUMENT', () => {
    expect(seatSelectionRefusal([SEAT(1), SEAT(2)])).toBeNull();
    expect(seatSelectionRefusal([])).toMatchObject({ code: 'INVALID_QUANTITY' });
    expect(seatSelectionRefusal([1, 2, 3, 4, 5].map(SEAT))).toMatchObject({ code: 'INVALID_QUANTITY' });
    expect(seatSelectionRefusal([SEAT(1), SEAT(1)])).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(seatSelectionRefusal(['A1'])).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('perUserLimitIsFourTicketsPerSession: the request may not take a user past 4, and the answer says what is left', () => {
    expect(allowanceRefusal(0, 4)).toBeNull();
    expect(allowanceRefusal(3, 1)).toBeNull();
    expect(allowanceRefusal(3, 2)).toMatchObject({
      code: 'PER_USER_LIMIT_EXCEEDED',
      details: { remainingAllowance: 1 },
    });
    expect(allowanceRefusal(4, 1)).toMatchObject({
      code: 'PER_USER_LIMIT_EXCEEDED',
      details: { remainingAllowance: 0 },
    });
  });

  it('stockDecision: nothing left is SOLD_OUT, less than asked is INSUFFICIENT_STOCK with what is left', () => {
    expect(stockRefusal(10, 3)).toBeNull();
    expect(stockRefusal(3, 3)).toBeNull();
    expect(stockRefusal(0, 1)).toMatchObject({ code: 'SOLD_OUT' });
    expect(stockRefusal(2, 3)).toMatchObject({ code: 'INSUFFICIENT_STOCK', details: { available: 2 } });
  });

  it('salesWindow: before opening SALES_NOT_OPEN, from closing on SALES_CLOSED; open in between', () => {
    expect(salesWindowRefusal(facts, new Date('2026-12-01T09:59:59.999Z'))).toMatchObject({ code: 'SALES_NOT_OPEN' });
    expect(salesWindowRefusal(facts, new Date('2026-12-01T10:00:00Z'))).toBeNull();
    expect(salesWindowRefusal(facts, new Date('2026-12-01T11:59:59.999Z'))).toBeNull();
    expect(salesWindowRefusal(facts, new Date('2026-12-01T12:00:00Z'))).toMatchObject({ code: 'SALES_CLOSED' });
  });

  it('salesWindow: a draft event is not on sale yet and a cancelled one is closed, whatever the window says', () => {
    const open = new Date('2026-12-01T11:00:00Z');
    expect(salesWindowRefusal({ ...facts, eventStatus: 'DRAFT' }, open)).toMatchObject({ code: 'SALES_NOT_OPEN' });
    expect(salesWindowRefusal({ ...facts, eventStatus: 'CANCELLED' }, open)).toMatchObject({ code: 'SALES_CLOSED' });
  });

  it('seatingKindMustMatch: a quantity for a seat map, or seats for a quantity session, is INVALID_ARGUMENT', () => {
    expect(seatingRefusal('QUANTITY', facts)).toBeNull();
    expect(seatingRefusal('SEATS', facts)).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(seatingRefusal('QUANTITY', { ...facts, seatingKind: 'SEAT_MAP' })).toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(seatingRefusal('SEATS', { ...facts, seatingKind: 'SEAT_MAP' })).toBeNull();
  });

  it('holdExpiresAfterItsTtl: the expiry is the time of the hold plus the TTL', () => {
    expect(holdExpiry(new Date('2026-12-01T10:00:00Z'), 120).toISOString()).toBe('2026-12-01T10:02:00.000Z');
  });
});
