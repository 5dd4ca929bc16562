import { writeAudit, type Sql } from '@ticketing/db';
import { enqueueEvents } from '@ticketing/nats-kit';
import { sellAvailable, sellHeld } from '../domain/stock-counters';
import { ticketsFor } from '../domain/ticket-plan';
import { HoldRepository, type HoldRow } from '../db/hold.repository';
import { SeatRepository } from '../db/seat.repository';
import { StockRepository, type StockRow } from '../db/stock.repository';
import { TicketRepository } from '../db/ticket.repository';
import { HOLD_SOLD, holdEvent, stockChanged } from './reservation-events';

/**
 * Makes a hold SOLD with its tickets, in the caller's transaction (the stock row, then the hold,
 * are locked). `from: 'held'` sells what the hold still holds; `'available'` is a late sale that
 * takes the tickets from what is on sale again (the caller has checked stock, the per-user limit,
 * and taken the seats).
 */
export async function sellHold(
  sql: Sql,
  stock: StockRow,
  hold: HoldRow,
  sale: { from: 'held' | 'available'; paymentId: string | null; actorId: string | null },
  now: Date,
): Promise<void> {
  await new HoldRepository(sql).markSold(hold.id, sale.paymentId, now);
  if (sale.from === 'held') await new SeatRepository(sql).sell(hold.id);
  const counters = (sale.from === 'held' ? sellHeld : sellAvailable)(stock.counters, hold.quantity);
  const version = await new StockRepository(sql).saveCounters(stock.sessionId, counters, now);
  await new TicketRepository(sql).issue(ticketsFor(hold, now));
  await enqueueEvents(sql, [
    holdEvent(HOLD_SOLD, { ...hold, status: 'SOLD', updatedAt: now }),
    stockChanged(stock.sessionId, version, counters),
  ]);
  await writeAudit(sql, [
    {
      actorId: sale.actorId,
      action: 'hold.sold',
      targetType: 'hold',
      targetId: hold.id,
      meta: {
        sessionId: stock.sessionId,
        userId: hold.userId,
        quantity: hold.quantity,
        paymentId: sale.paymentId,
        ...(sale.from === 'available' ? { late: true, previousStatus: hold.status } : {}),
      },
    },
  ]);
}
