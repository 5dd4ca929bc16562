/** One session's tickets. Invariant: available + held + sold = total, none below zero. */
export interface StockCounters {
  total: number;
  available: number;
  held: number;
  sold: number;
}

function checked(counters: StockCounters): StockCounters {
  for (const key of ['total', 'available', 'held', 'sold'] as const) {
    if (!Number.isInteger(counters[key]) || counters[key] < 0)
      throw new Error(`stock ${key} would be ${counters[key]}`);
  }
  if (counters.available + counters.held + counters.sold !== counters.total)
    throw new Error('stock counters would not add up to the total');
  return counters;
}

function positive(n: number): void {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`a stock move must be a positive whole number, got ${n}`);
}

export function holdFrom(c: StockCounters, n: number): StockCounters {
  positive(n);
  return checked({ ...c, available: c.available - n, held: c.held + n });
}

/** A released or expired hold gives its tickets back. */
export function returnHeld(c: StockCounters, n: number): StockCounters {
  positive(n);
  return checked({ ...c, available: c.available + n, held: c.held - n });
}

export function sellHeld(c: StockCounters, n: number): StockCounters {
  positive(n);
  return checked({ ...c, held: c.held - n, sold: c.sold + n });
}

/** A payment that succeeded after its hold ended takes the tickets straight from what is on sale. */
export function sellAvailable(c: StockCounters, n: number): StockCounters {
  positive(n);
  return checked({ ...c, available: c.available - n, sold: c.sold + n });
}

/** A cancelled purchase puts its tickets back on sale. */
export function returnSold(c: StockCounters, n: number): StockCounters {
  positive(n);
  return checked({ ...c, available: c.available + n, sold: c.sold - n });
}

/** A new total moves `available` by the difference; tickets already held or sold cannot be taken back. */
export function changeTotal(c: StockCounters, total: number): { counters: StockCounters } | { refused: string } {
  const taken = c.held + c.sold;
  if (total < taken) return { refused: `totalStock ${total} is below the ${taken} tickets already held or sold` };
  return { counters: checked({ ...c, total, available: total - taken }) };
}
