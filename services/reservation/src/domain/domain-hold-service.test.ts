import { HoldLedger } from './hold-ledger';
import { holdExpiry, type SaleFacts } from './hold-rules';
import { expiredAt } from './hold-transitions';
import { answerFor, requestFingerprint } from './idempotency';
import { returnHeld, type StockCounters } from './stock-counters';

/**
 * The spec's DomainHoldServiceTest (GWT 1-4) on the pure rules;
 * test/hold-gwt.int.test.ts runs the same against PostgreSQL.
 */
describe('DomainHoldServiceTest', () => {
  const facts: SaleFacts = {
    seatingKind: 'QUANTITY',
    eventStatus: 'PUBLISHED',
    salesOpenAt: new Date(0),
    salesCloseAt: new Date('2100-01-01T00:00:00Z'),
  };
  const now = new Date('2026-12-01T10:00:00Z');
  const ten: StockCounters = { total: 10, available: 10, held: 0, sold: 0 };

  it('holdSucceedsWhenSufficientInventory', () => {
    const ledger = new HoldLedger(ten, new Map());
    const ask = { userId: 'u1', quantity: 3, selection: 'QUANTITY' as const };
    expect(ledger.refusal(ask, facts, now)).toBeNull();
    ledger.take(ask);
    expect(ledger.counters).toEqual({ total: 10, available: 7, held: 3, sold: 0 });
    expect(holdExpiry(now, 120)).toEqual(new Date('2026-12-01T10:02:00Z'));
  });

  it('holdFailsWhenInsufficientInventory', () => {
    const two: StockCounters = { total: 10, available: 2, held: 8, sold: 0 };
    const ledger = new HoldLedger(two, new Map());
    expect(ledger.refusal({ userId: 'u1', quantity: 3, selection: 'QUANTITY' }, facts, now)).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: { available: 2 },
    });
    expect(ledger.counters).toEqual(two);
  });

  it('holdIsIdempotentWithSameKey', () => {
    const first = requestFingerprint('8d3f0c2a-5b7e-4f1a-9c2d-3e4f5a6b7c8d', { kind: 'QUANTITY', quantity: 3 });
    const retry = requestFingerprint('8d3f0c2a-5b7e-4f1a-9c2d-3e4f5a6b7c8d', { kind: 'QUANTITY', quantity: 3 });
    const other = requestFingerprint('8d3f0c2a-5b7e-4f1a-9c2d-3e4f5a6b7c8d', { kind: 'QUANTITY', quantity: 1 });
    expect(answerFor(retry, first)).toBe('replay');
    expect(answerFor(other, first)).toBe('reused');
  });

  it('holdExpiresAndRestoresInventory', () => {
    const hold = { userId: 'u1', status: 'ACTIVE' as const, expiresAt: holdExpiry(now, 120) };
    const after = new Date(now.getTime() + 121_000);
    expect(expiredAt(hold, after)).toBe(true);
    expect(returnHeld({ total: 10, available: 7, held: 3, sold: 0 }, 3)).toEqual(ten);
  });
});
