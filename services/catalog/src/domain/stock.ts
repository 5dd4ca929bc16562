/** The latest counts reservation reported for a session (`reservation.stock.changed`). */
export interface StockSnapshot {
  version: number;
  total: number;
  available: number;
  held: number;
  sold: number;
}

/**
 * What buyers are shown as left. Before reservation reports anything, every ticket is left.
 * If an admin changed the total after the snapshot was taken, the difference is applied at once,
 * as reservation will apply it, so a raise shows without waiting for the next stock event.
 */
export function remainingOf(totalStock: number, snapshot: StockSnapshot | null): number {
  if (!snapshot) return totalStock;
  return Math.max(0, Math.min(totalStock, snapshot.available + (totalStock - snapshot.total)));
}

/** Why a new total is refused, or null: tickets already held or sold cannot be taken back. */
export function totalStockConflict(newTotal: number, snapshot: StockSnapshot | null): string | null {
  if (!snapshot) return null;
  const taken = snapshot.held + snapshot.sold;
  return newTotal < taken ? `totalStock ${newTotal} is below the ${taken} tickets already held or sold` : null;
}

/** Why an event cannot be deleted, or null: once a ticket is sold, buyers hold proof of it. */
export function deleteEventConflict(snapshots: Array<StockSnapshot | null>): string | null {
  const sold = snapshots.reduce((sum, s) => sum + (s?.sold ?? 0), 0);
  return sold > 0 ? `${sold} tickets of this event are sold; cancel it instead` : null;
}
