import { date, num, pgArray, type Sql, type Statement } from '@ticketing/db';
import type { EventStatus, SaleFacts, SeatingKind } from '../domain/hold-rules';
import type { SessionState } from '../domain/session-state';
import type { StockCounters } from '../domain/stock-counters';

/** The facts catalog announced that a stock row keeps. */
type KeptFacts =
  'sessionId' | 'eventId' | 'eventTitle' | 'venue' | 'startAt' | 'priceMinor' | 'currency' | 'queueEnabled';

/** A session's stock with the facts needed to answer holds without asking catalog. */
export interface StockRow extends SaleFacts, Pick<SessionState, KeptFacts> {
  catalogVersion: number;
  deletedAt: Date | null;
  counters: StockCounters;
  /** Bumped by every change of the counters; carried by reservation.stock.changed. */
  version: number;
}

interface RawStock {
  session_id: string;
  event_id: string;
  event_title: string;
  venue: string;
  event_status: EventStatus;
  start_at: string;
  sales_open_at: string;
  sales_close_at: string;
  seating_kind: SeatingKind;
  price_minor: string;
  currency: string;
  queue_enabled: boolean;
  catalog_version: number;
  deleted_at: string | null;
  total: number;
  available: number;
  held: number;
  sold: number;
  version: string;
}

/** Catalog's facts of a session that a newer catalog version may change (seating never changes). */
const FACT_COLUMNS = [
  'event_id',
  'event_title',
  'venue',
  'event_status',
  'start_at',
  'sales_open_at',
  'sales_close_at',
  'price_minor',
  'currency',
  'queue_enabled',
  'catalog_version',
] as const;

/** The values of FACT_COLUMNS, in their order. */
const factValues = (s: SessionState): unknown[] => [
  s.eventId,
  s.eventTitle,
  s.venue,
  s.eventStatus,
  s.startAt,
  s.salesOpenAt,
  s.salesCloseAt,
  s.priceMinor,
  s.currency,
  s.queueEnabled,
  s.version,
];

const toStock = (r: RawStock): StockRow => ({
  sessionId: r.session_id,
  eventId: r.event_id,
  eventTitle: r.event_title,
  venue: r.venue,
  eventStatus: r.event_status,
  startAt: date(r.start_at),
  salesOpenAt: date(r.sales_open_at),
  salesCloseAt: date(r.sales_close_at),
  seatingKind: r.seating_kind,
  priceMinor: num(r.price_minor),
  currency: r.currency,
  queueEnabled: r.queue_enabled,
  catalogVersion: r.catalog_version,
  deletedAt: r.deleted_at === null ? null : date(r.deleted_at),
  counters: { total: r.total, available: r.available, held: r.held, sold: r.sold },
  version: num(r.version),
});

export class StockRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * The one lock every change of a session takes first (holds, releases, sweeps, sales, catalog
   * updates); hold and seat rows are only ever locked after it, so these never deadlock.
   */
  async lock(sessionId: string): Promise<StockRow | null> {
    const found = await this.sql.all<RawStock>('select * from stock where session_id = ? for update', [sessionId]);
    return found[0] ? toStock(found[0]) : null;
  }

  /**
   * What is left of each session whose sales are open at `now`, without a lock (a gauge may be a
   * moment stale), at most `limit` of them, soonest-closing first.
   */
  async remainingOnSale(now: Date, limit: number): Promise<Array<{ sessionId: string; available: number }>> {
    const rows = await this.sql.all<{ session_id: string; available: number }>(
      `select session_id, available from stock
        where deleted_at is null and sales_open_at <= ? and sales_close_at > ?
        order by sales_close_at, session_id limit ?`,
      [now, now, limit],
    );
    return rows.map((row) => ({ sessionId: row.session_id, available: row.available }));
  }

  /** Several sessions' rows, in session order (so two such transactions never wait in a cycle). */
  async lockMany(sessionIds: readonly string[]): Promise<StockRow[]> {
    const found = await this.sql.all<RawStock>(
      'select * from stock where session_id = any(?::uuid[]) order by session_id for update',
      [pgArray(sessionIds)],
    );
    return found.map(toStock);
  }

  async find(sessionId: string): Promise<StockRow | null> {
    const found = await this.sql.all<RawStock>('select * from stock where session_id = ?', [sessionId]);
    return found[0] ? toStock(found[0]) : null;
  }

  /**
   * Counters computed under the lock, with the version the caller worked out (locked version + 1),
   * to run together with the batch's other writes; the CHECKs refuse anything unbalanced.
   */
  static saveCountersAs(sessionId: string, c: StockCounters, version: number, now: Date): Statement {
    return {
      sql: 'update stock set total = ?, available = ?, held = ?, sold = ?, version = ?, updated_at = ? where session_id = ?',
      params: [c.total, c.available, c.held, c.sold, version, now, sessionId],
    };
  }

  /** Writes counters computed under the lock; the CHECKs refuse anything unbalanced. Returns the new version. */
  async saveCounters(sessionId: string, c: StockCounters, now: Date): Promise<number> {
    const updated = await this.sql.all<{ version: string }>(
      'update stock set total = ?, available = ?, held = ?, sold = ?, version = version + 1, updated_at = ? where session_id = ? returning version',
      [c.total, c.available, c.held, c.sold, now, sessionId],
    );
    return num(updated[0]!.version);
  }

  async insert(state: SessionState, c: StockCounters, now: Date): Promise<void> {
    await this.sql.run(
      `insert into stock (session_id, seating_kind, ${FACT_COLUMNS.join(', ')},
         total, available, held, sold, version, updated_at)
       values (?, ?, ${FACT_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?, ?, 1, ?)`,
      [state.sessionId, state.seatingKind, ...factValues(state), c.total, c.available, c.held, c.sold, now],
    );
  }

  /** Catalog's facts of a newer version; counters are left to saveCounters. */
  async updateFacts(state: SessionState, now: Date): Promise<void> {
    await this.sql.run(
      `update stock set ${FACT_COLUMNS.map((column) => `${column} = ?`).join(', ')}, updated_at = ? where session_id = ?`,
      [...factValues(state), now, state.sessionId],
    );
  }

  async markDeleted(sessionId: string, catalogVersion: number, now: Date): Promise<void> {
    await this.sql.run('update stock set deleted_at = ?, catalog_version = ?, updated_at = ? where session_id = ?', [
      now,
      catalogVersion,
      now,
      sessionId,
    ]);
  }
}
