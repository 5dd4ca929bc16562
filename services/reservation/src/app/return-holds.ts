import { writeAudit, type Sql } from '@ticketing/db';
import { enqueueEvents } from '@ticketing/nats-kit';
import type { HoldStatus } from '../domain/hold-transitions';
import { returnHeld } from '../domain/stock-counters';
import { HoldRepository, type HoldRow } from '../db/hold.repository';
import { SeatRepository } from '../db/seat.repository';
import { StockRepository, type StockRow } from '../db/stock.repository';
import { HOLD_EXPIRED, HOLD_RELEASED, holdEvent, stockChanged } from './reservation-events';

/**
 * Ends ACTIVE holds of one session and gives their tickets (and seats) back, with one event per
 * hold and one stock change. The caller has locked the stock row, then these hold rows. `reason`
 * is recorded in the audit rows when the owner did not end the hold themselves (a failed payment).
 */
export async function returnHolds(
  sql: Sql,
  stock: StockRow,
  holds: readonly HoldRow[],
  status: Extract<HoldStatus, 'RELEASED' | 'EXPIRED'>,
  actorId: string | null,
  now: Date,
  reason?: string,
): Promise<void> {
  if (holds.length === 0) return;
  const ids = holds.map((h) => h.id);
  await new HoldRepository(sql).setStatus(ids, status, now);
  await new SeatRepository(sql).release(ids);
  const counters = returnHeld(
    stock.counters,
    holds.reduce((sum, h) => sum + h.quantity, 0),
  );
  const version = await new StockRepository(sql).saveCounters(stock.sessionId, counters, now);
  const type = status === 'RELEASED' ? HOLD_RELEASED : HOLD_EXPIRED;
  await enqueueEvents(sql, [
    ...holds.map((h) => holdEvent(type, { ...h, status, updatedAt: now })),
    stockChanged(stock.sessionId, version, counters),
  ]);
  await writeAudit(
    sql,
    holds.map((h) => ({
      actorId,
      action: status === 'RELEASED' ? 'hold.released' : 'hold.expired',
      targetType: 'hold',
      targetId: h.id,
      meta: {
        sessionId: h.sessionId,
        userId: h.userId,
        quantity: h.quantity,
        expiresAt: h.expiresAt.toISOString(),
        ...(reason ? { reason } : {}),
      },
    })),
  );
}
