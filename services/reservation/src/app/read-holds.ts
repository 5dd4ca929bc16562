import { Sql } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { isUuid } from '../domain/hold-rules';
import type { HoldStatus } from '../domain/hold-transitions';
import type { StockCounters } from '../domain/stock-counters';
import { HoldRepository, type HoldRow } from '../db/hold.repository';
import { StockRepository } from '../db/stock.repository';
import type { ReservationDeps } from './deps';
import { toHoldView, type HoldView } from './hold-view';
import { decodeCursor, encodeCursor, pageLimit } from './page-cursor';

export interface Reader {
  subject: string;
  /** Services (payment) read any hold; users only their own. */
  isService: boolean;
}

const sqlOf = (deps: ReservationDeps) => new Sql(deps.orm.em.fork());

/** Someone else's hold is NOT_FOUND, not FORBIDDEN: its existence is not the caller's business. */
export async function getHold(deps: ReservationDeps, reader: Reader, holdId: string): Promise<HoldView> {
  const hold = isUuid(holdId) ? await new HoldRepository(sqlOf(deps)).findById(holdId) : null;
  if (!hold || (!reader.isService && hold.userId !== reader.subject)) throw new AppError('NOT_FOUND', 'hold not found');
  return toHoldView(hold, hold.event);
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
  const found = await new HoldRepository(sqlOf(deps)).pageOfUser(
    userId,
    decodeCursor(query.cursor),
    limit + 1,
    query.statuses,
  );
  const items = found.slice(0, limit);
  return {
    items: items.map((h) => toHoldView(h, h.event)),
    nextCursor: found.length > limit ? encodeCursor(items[items.length - 1]!.seq) : '',
  };
}

export interface SessionSales extends StockCounters {
  sessionId: string;
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
  return {
    sessionId: stock.sessionId,
    ...stock.counters,
    buyers,
    nextCursor: found.length > limit ? encodeCursor(buyers[buyers.length - 1]!.seq) : '',
  };
}
