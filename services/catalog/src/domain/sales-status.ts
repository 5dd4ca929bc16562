export type SalesStatus = 'OPEN' | 'NOT_YET_OPEN' | 'SOLD_OUT' | 'CLOSED';

export interface SalesState {
  salesOpenAt: Date;
  salesCloseAt: Date;
  remaining: number;
  /** Sessions of a cancelled event sell nothing, whatever their window says. */
  eventCancelled?: boolean;
}

/**
 * Derived at read time, never stored: it changes with the clock. The window is half-open,
 * [salesOpenAt, salesCloseAt): sales open at the opening instant and are over at the closing one.
 * Time wins over stock: a sold-out session whose window has passed is CLOSED.
 */
export function salesStatus(state: SalesState, now: Date): SalesStatus {
  const t = now.getTime();
  if (state.eventCancelled || t >= state.salesCloseAt.getTime()) return 'CLOSED';
  if (t < state.salesOpenAt.getTime()) return 'NOT_YET_OPEN';
  return state.remaining <= 0 ? 'SOLD_OUT' : 'OPEN';
}
