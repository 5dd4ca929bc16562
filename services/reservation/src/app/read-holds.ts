import { Sql } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { isUuid } from '../domain/hold-rules';
import type { HoldStatus } from '../domain/hold-transitions';
import type { StockCounters } from '../domain/stock-counters';
import { HoldRepository, type HoldRow } from '../db/hold.repository';
import { StockRepository } from '../db/stock.repository';
import { TicketRepository } from '../db/ticket.repository';
import type { ReservationDeps } from './deps';
import { toHoldView, type HoldView } from './hold-view';
import { decodeCursor, encodeCursor, pageLimit } from './page-cursor';
import { toTicketView, type TicketView } from './ticket-view';

export interface Reader {
  subject: string;
  /** Services (payment) read any hold; users only their own. */
  isService: boolean;
}

const sqlOf = (deps: ReservationDeps) => new Sql(deps.orm.em.fork());

/** The tickets of these holds by hold id (only sold and cancelled holds have any). */
async function ticketsByHold(deps: ReservationDeps, sql: Sql, holds: readonly HoldRow[]) {
  const issued = holds.filter((h) => h.status === 'SOLD' || h.status === 'CANCELLED').map((h) => h.id);
  const byHold = new Map<string, TicketView[]>();
  for (const ticket of await new TicketRepository(sql).ofHolds(issued)) {
    const views = byHold.get(ticket.holdId) ?? [];
    views.push(toTicketView(ticket, deps.ticketQr));
    byHold.set(ticket.holdId, views);
  }
  return (holdId: string) => byHold.get(holdId) ?? [];
}

/** Someone else's hold is NOT_FOUND, not FORBIDDEN: its existence is not the caller's business. */
export async function getHold(deps: ReservationDeps, reader: Reader, holdId: string): Promise<HoldView> {
  const sql = sqlOf(deps);
  const hold = isUuid(holdId) ? await new HoldRepository(sql).findById(holdId) : null;
  if (!hold || (!reader.isService && hold.userId !== reader.subject)) throw new AppError('NOT_FOUND', 'hold not found');
  const tickets = await ticketsByHold(deps, sql, [hold]);
  return toHoldView(hold, hold.event, tickets(hold.id));
}

export interface Page<T> {
  items: T[];
  nextCursor: string;
}

/** The caller's holds and purchases, newest first. */
export async function listMyReservations(
  deps: ReservationDeps,
  userId: string,
  query: { pageSize: number; cursor: string; statuses: HoldStatus[] },
): Promise<Page<HoldView>> {
  const limit = pageLimit(query.pageSize);
  const sql = sqlOf(deps);
  const found = await new HoldRepository(sql).pageOfUser(userId, decodeCursor(query.cursor), limit + 1, query.statuses);
  const items = found.slice(0, limit);
  const tickets = await ticketsByHold(deps, sql, items);
  return {
    items: items.map((h) => toHoldView(h, h.event, tickets(h.id))),
    nextCursor: found.length > limit ? encodeCursor(items[items.length - 1]!.seq) : '',
  };
}

export interface SessionSales extends StockCounters {
  sessionId: string;
  /** Tickets issued and not cancelled. */
  ticketsSold: number;
  /** What the session's SOLD holds were sold for. */
  revenue: { amountMinor: number; currency: string };
  buyers: HoldRow[];
  nextCursor: string;
}

/** For admins: the counters and every hold of the session in the order they were taken. */
export async function getSessionSales(
  deps: ReservationDeps,
  query: { sessionId: string; pageSize: number; cursor: string },
): Promise<SessionSales> {
  const sql = sqlOf(deps);
  const stock = isUuid(query.sessionId) ? await new StockRepository(sql).find(query.sessionId) : null;
  if (!stock) throw new AppError('NOT_FOUND', 'session not found');
  const limit = pageLimit(query.pageSize);
  const found = await new HoldRepository(sql).pageOfSession(query.sessionId, decodeCursor(query.cursor), limit + 1);
  const buyers = found.slice(0, limit);
  const sales = await new TicketRepository(sql).salesOfSession(stock.sessionId);
  return {
    sessionId: stock.sessionId,
    ...stock.counters,
    ticketsSold: sales.ticketsSold,
    revenue: { amountMinor: sales.revenueMinor, currency: stock.currency },
    buyers,
    nextCursor: found.length > limit ? encodeCursor(buyers[buyers.length - 1]!.seq) : '',
  };
}
