import {
  changeTotal,
  holdFrom,
  returnHeld,
  returnSold,
  sellAvailable,
  sellHeld,
  type StockCounters,
} from './stock-counters';

const stock = (available: number, held: number, sold: number): StockCounters => ({
  total: available + held + sold,
  available,
  held,
  sold,
});

describe('stock counters', () => {
  it('countersAreConserved: holding, returning and selling keep available + held + sold = total', () => {
    const held = holdFrom(stock(10, 0, 0), 3);
    expect(held).toEqual(stock(7, 3, 0));
    const sold = sellHeld(held, 2);
    expect(sold).toEqual(stock(7, 1, 2));
    expect(returnHeld(sold, 1)).toEqual(stock(8, 0, 2));
  });

  it('countersNeverGoBelowZero: taking more than is there throws instead of producing a negative count', () => {
    expect(() => holdFrom(stock(2, 0, 0), 3)).toThrow(/available/);
    expect(() => returnHeld(stock(2, 1, 0), 2)).toThrow(/held/);
    expect(() => sellHeld(stock(2, 0, 0), 1)).toThrow(/held/);
    expect(() => holdFrom(stock(2, 0, 0), 0)).toThrow(/positive/);
  });

  it('lateSaleAndCancellationAreConserved: a late sale takes available, a cancellation gives sold back', () => {
    expect(sellAvailable(stock(5, 3, 2), 2)).toEqual(stock(3, 3, 4));
    expect(returnSold(stock(3, 3, 4), 4)).toEqual(stock(7, 3, 0));
    expect(() => sellAvailable(stock(1, 3, 0), 2)).toThrow(/available/);
    expect(() => returnSold(stock(5, 0, 1), 2)).toThrow(/sold/);
  });

  it('totalChangeMovesAvailableByTheDifference: raising or lowering the total moves available only', () => {
    expect(changeTotal(stock(5, 3, 2), 20)).toEqual({ counters: { total: 20, available: 15, held: 3, sold: 2 } });
    expect(changeTotal(stock(5, 3, 2), 5)).toEqual({ counters: { total: 5, available: 0, held: 3, sold: 2 } });
  });

  it('totalBelowHeldPlusSoldIsRefused: tickets already held or sold cannot be taken back', () => {
    expect(changeTotal(stock(5, 3, 2), 4)).toEqual({
      refused: expect.stringMatching(/below the 5 tickets already held or sold/),
    });
  });
});
