import { auditStatement, runTogether, writeAudit, type AuditEntry, type Sql, type Statement } from '@ticketing/db';
import { enqueueEvents, outboxStatement, type NewEvent } from '@ticketing/nats-kit';
import { sellAvailable, sellHeld } from '../domain/stock-counters';
import { ticketsFor } from '../domain/ticket-plan';
import { HoldRepository, type HoldRow } from '../db/hold.repository';
import { SeatRepository } from '../db/seat.repository';
import { StockRepository, type StockRow } from '../db/stock.repository';
import { TicketRepository } from '../db/ticket.repository';
import { HOLD_SOLD, holdEvent, stockChanged } from './reservation-events';

interface Sale {
  from: 'held' | 'available';
  paymentId: string | null;
  actorId: string | null;
}

/** `traceparent`: the purchase's trace when several are sold in one transaction; else the active one. */
const soldEvent = (hold: HoldRow, now: Date, traceparent?: string): NewEvent => ({
  ...holdEvent(HOLD_SOLD, { ...hold, status: 'SOLD', updatedAt: now }),
  ...(traceparent ? { traceparent } : {}),
});

function saleAudit(hold: HoldRow, sale: Sale): AuditEntry {
  return {
    actorId: sale.actorId,
    action: 'hold.sold',
    targetType: 'hold',
    targetId: hold.id,
    meta: {
      sessionId: hold.sessionId,
      userId: hold.userId,
      quantity: hold.quantity,
      paymentId: sale.paymentId,
      ...(sale.from === 'available' ? { late: true, previousStatus: hold.status } : {}),
    },
  };
}

/**
 * Makes a hold SOLD with its tickets, in the caller's transaction (the stock row, then the hold,
 * are locked). `from: 'held'` sells what the hold still holds; `'available'` is a late sale that
 * takes the tickets from what is on sale again (the caller has checked stock, the per-user limit,
 * and taken the seats).
 */
export async function sellHold(sql: Sql, stock: StockRow, hold: HoldRow, sale: Sale, now: Date): Promise<void> {
  await new HoldRepository(sql).markSold(hold.id, sale.paymentId, now);
  if (sale.from === 'held') await new SeatRepository(sql).sell(hold.id);
  const counters = (sale.from === 'held' ? sellHeld : sellAvailable)(stock.counters, hold.quantity);
  const version = await new StockRepository(sql).saveCounters(stock.sessionId, counters, now);
  await new TicketRepository(sql).issue(ticketsFor(hold, now));
  await enqueueEvents(sql, [soldEvent(hold, now), stockChanged(stock.sessionId, version, counters)]);
  await writeAudit(sql, [saleAudit(hold, sale)]);
}

/**
 * Sells many ACTIVE holds, each to its payment, with the same effects as `sellHold` one by one
 * but in one round trip: the holds, their seats, one counter update and one `stock.changed` per
 * session, every ticket, event and audit row. The caller has locked the stock rows, then the
 * holds, and passes each session's row as locked.
 */
export async function sellHeldHolds(
  sql: Sql,
  stocks: ReadonlyMap<string, StockRow>,
  sales: ReadonlyArray<{ hold: HoldRow; paymentId: string; traceparent?: string }>,
  now: Date,
): Promise<void> {
  if (sales.length === 0) return;
  const counters = new Map<string, StockRow['counters']>();
  for (const { hold } of sales) {
    const before = counters.get(hold.sessionId) ?? stocks.get(hold.sessionId)!.counters;
    counters.set(hold.sessionId, sellHeld(before, hold.quantity));
  }
  const statements: Statement[] = [
    HoldRepository.markSoldMany(
      sales.map((s) => ({ holdId: s.hold.id, paymentId: s.paymentId })),
      now,
    ),
    SeatRepository.sellOfHolds(sales.filter((s) => s.hold.seatIds.length > 0).map((s) => s.hold.id)),
    TicketRepository.issueStatement(sales.flatMap((s) => ticketsFor(s.hold, now))),
  ];
  const events = sales.map((s) => soldEvent(s.hold, now, s.traceparent));
  for (const [sessionId, after] of counters) {
    const version = stocks.get(sessionId)!.version + 1;
    statements.push(StockRepository.saveCountersAs(sessionId, after, version, now));
    events.push(stockChanged(sessionId, version, after));
  }
  statements.push(outboxStatement(events));
  statements.push(
    auditStatement(sales.map((s) => saleAudit(s.hold, { from: 'held', paymentId: s.paymentId, actorId: null }))),
  );
  await runTogether(sql, statements);
}
