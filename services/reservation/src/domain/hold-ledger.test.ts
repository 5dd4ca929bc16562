import { HoldLedger } from './hold-ledger';
import type { SaleFacts } from './hold-rules';

const facts: SaleFacts = {
  seatingKind: 'QUANTITY',
  eventStatus: 'PUBLISHED',
  salesOpenAt: new Date(0),
  salesCloseAt: new Date('2100-01-01T00:00:00Z'),
};
const now = new Date('2026-12-01T10:00:00Z');

/** Decides asks in order the way one batch transaction does: check, and take only what passed. */
function decide(ledger: HoldLedger, asks: Array<[user: string, quantity: number]>) {
  return asks.map(([userId, quantity]) => {
    const ask = { userId, quantity, selection: 'QUANTITY' as const };
    const refusal = ledger.refusal(ask, facts, now);
    if (!refusal) ledger.take(ask);
    return refusal ? refusal.code : 'OK';
  });
}

describe('batch decision in arrival order', () => {
  it('batchDecidesInArrivalOrder: each ask sees only what earlier asks of the batch left', () => {
    const ledger = new HoldLedger({ total: 5, available: 5, held: 0, sold: 0 }, new Map());
    expect(
      decide(ledger, [
        ['a', 2],
        ['b', 4],
        ['c', 3],
        ['d', 1],
      ]),
    ).toEqual(['OK', 'INSUFFICIENT_STOCK', 'OK', 'SOLD_OUT']);
    expect(ledger.counters).toEqual({ total: 5, available: 0, held: 5, sold: 0 });
    expect(ledger.taken).toBe(5);
  });

  it("batchTracksEachUsersAllowance: a user's earlier holds, in the database and in the batch, count against the 4", () => {
    const ledger = new HoldLedger({ total: 100, available: 100, held: 0, sold: 0 }, new Map([['a', 2]]));
    expect(
      decide(ledger, [
        ['a', 1],
        ['a', 2],
        ['b', 4],
        ['a', 1],
        ['b', 1],
      ]),
    ).toEqual(['OK', 'PER_USER_LIMIT_EXCEEDED', 'OK', 'OK', 'PER_USER_LIMIT_EXCEEDED']);
    expect(ledger.usageOf('a')).toBe(4);
  });

  it('batchRefusalChangesNothing: a refused ask leaves counters and allowances as they were', () => {
    const ledger = new HoldLedger({ total: 2, available: 2, held: 0, sold: 0 }, new Map());
    expect(decide(ledger, [['a', 3]])).toEqual(['INSUFFICIENT_STOCK']);
    expect(ledger.counters).toEqual({ total: 2, available: 2, held: 0, sold: 0 });
    expect(ledger.usageOf('a')).toBe(0);
    expect(ledger.taken).toBe(0);
  });

  it('batchOneTicketTwoBuyers: with one ticket left, the first ask in order wins and the second is SOLD_OUT', () => {
    const ledger = new HoldLedger({ total: 10, available: 1, held: 4, sold: 5 }, new Map());
    expect(
      decide(ledger, [
        ['a', 1],
        ['b', 1],
      ]),
    ).toEqual(['OK', 'SOLD_OUT']);
  });

  it('batchChecksTheWindowAndSeatingFirst: a closed sale refuses before any counter is looked at', () => {
    const ledger = new HoldLedger({ total: 0, available: 0, held: 0, sold: 0 }, new Map());
    const closed = { ...facts, salesCloseAt: new Date('2026-01-01T00:00:00Z') };
    expect(ledger.refusal({ userId: 'a', quantity: 1, selection: 'QUANTITY' }, closed, now)).toMatchObject({
      code: 'SALES_CLOSED',
    });
    expect(ledger.refusal({ userId: 'a', quantity: 1, selection: 'SEATS' }, facts, now)).toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    // Seating comes before the window: seats asked of a closed quantity sale are still the wrong kind of ask.
    expect(ledger.refusal({ userId: 'a', quantity: 1, selection: 'SEATS' }, closed, now)).toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
