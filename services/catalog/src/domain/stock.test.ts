import { deleteEventConflict, remainingOf, totalStockConflict, type StockSnapshot } from './stock';

const snapshot = (s: Partial<StockSnapshot>): StockSnapshot => ({
  version: 1,
  total: 100,
  available: 100,
  held: 0,
  sold: 0,
  ...s,
});

describe('stock read model rules', () => {
  it('when no stock event has arrived, then remaining is the total', () => {
    expect(remainingOf(100, null)).toBe(100);
  });

  it('when reservation reported counts, then remaining is what is available', () => {
    expect(remainingOf(100, snapshot({ available: 37, held: 3, sold: 60 }))).toBe(37);
  });

  it('when everything is held or sold, then remaining is 0', () => {
    expect(remainingOf(100, snapshot({ available: 0, held: 10, sold: 90 }))).toBe(0);
  });

  it('when the admin raised the total after the last report, then the extra tickets show at once', () => {
    expect(remainingOf(150, snapshot({ total: 100, available: 10, held: 0, sold: 90 }))).toBe(60);
  });

  it('when the admin lowered the total after the last report, then remaining drops, never below 0', () => {
    expect(remainingOf(95, snapshot({ total: 100, available: 10, sold: 90 }))).toBe(5);
    expect(remainingOf(80, snapshot({ total: 100, available: 10, sold: 90 }))).toBe(0);
  });

  it('when the new total is below held + sold, then it is a conflict; equal to it is fine', () => {
    const s = snapshot({ available: 50, held: 10, sold: 40 });
    expect(totalStockConflict(49, s)).toMatch(/below the 50 tickets/);
    expect(totalStockConflict(50, s)).toBeNull();
    expect(totalStockConflict(1, null)).toBeNull();
  });

  it('when any session of the event has a sold ticket, then deleting it is a conflict; held only is not', () => {
    expect(deleteEventConflict([null, snapshot({ available: 99, sold: 1 })])).toMatch(/1 tickets/);
    expect(deleteEventConflict([null, snapshot({ available: 98, held: 2 })])).toBeNull();
    expect(deleteEventConflict([])).toBeNull();
  });
});
