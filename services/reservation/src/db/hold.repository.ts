import { date, NOTHING, num, pgArray, rows, type Sql, type Statement } from '@ticketing/db';
import type { HoldStatus } from '../domain/hold-transitions';

export interface HoldRow {
  seq: number;
  id: string;
  sessionId: string;
  userId: string;
  quantity: number;
  seatIds: string[];
  seatLabels: string[];
  status: HoldStatus;
  expiresAt: Date;
  priceMinor: number;
  currency: string;
  createdAt: Date;
  updatedAt: Date;
  /** The payment that bought it; null until it is sold. */
  paymentId: string | null;
}

/** A hold with what the buyer sees of its event (joined from the stock row). */
export interface HoldWithEvent extends HoldRow {
  event: { eventId: string; title: string; startAt: Date; venue: string };
}

export type NewHold = Omit<HoldRow, 'seq' | 'paymentId'>;

interface RawHold {
  seq: string;
  id: string;
  session_id: string;
  user_id: string;
  quantity: number;
  seat_ids: string[];
  seat_labels: string[];
  status: HoldStatus;
  expires_at: string;
  price_minor: string;
  currency: string;
  created_at: string;
  updated_at: string;
  payment_id: string | null;
}

interface RawHoldWithEvent extends RawHold {
  event_id: string;
  event_title: string;
  start_at: string;
  venue: string;
}

const toHold = (r: RawHold): HoldRow => ({
  seq: num(r.seq),
  id: r.id,
  sessionId: r.session_id,
  userId: r.user_id,
  quantity: r.quantity,
  seatIds: r.seat_ids,
  seatLabels: r.seat_labels,
  status: r.status,
  expiresAt: date(r.expires_at),
  priceMinor: num(r.price_minor),
  currency: r.currency,
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
  paymentId: r.payment_id,
});

const toHoldWithEvent = (r: RawHoldWithEvent): HoldWithEvent => ({
  ...toHold(r),
  event: { eventId: r.event_id, title: r.event_title, startAt: date(r.start_at), venue: r.venue },
});

const WITH_EVENT =
  'select h.*, s.event_id, s.event_title, s.start_at, s.venue from hold h join stock s on s.session_id = h.session_id';

export class HoldRepository {
  constructor(private readonly sql: Sql) {}

  /** One statement for the whole batch. */
  static insertMany(holds: readonly NewHold[]): Statement {
    if (holds.length === 0) return NOTHING;
    return {
      sql: `insert into hold (id, session_id, user_id, quantity, seat_ids, seat_labels, status, expires_at, price_minor, currency, created_at, updated_at)
       values ${rows(holds.length, '(?, ?, ?, ?, ?::uuid[], ?::text[], ?, ?, ?, ?, ?, ?)')}`,
      params: holds.flatMap((h) => [
        h.id,
        h.sessionId,
        h.userId,
        h.quantity,
        pgArray(h.seatIds),
        pgArray(h.seatLabels),
        h.status,
        h.expiresAt,
        h.priceMinor,
        h.currency,
        h.createdAt,
        h.updatedAt,
      ]),
    };
  }

  async findById(id: string): Promise<HoldWithEvent | null> {
    const found = await this.sql.all<RawHoldWithEvent>(`${WITH_EVENT} where h.id = ?`, [id]);
    return found[0] ? toHoldWithEvent(found[0]) : null;
  }

  /** Only after the session's stock row is locked (lock order: stock, then holds). */
  async lockById(id: string): Promise<HoldRow | null> {
    const found = await this.sql.all<RawHold>('select * from hold where id = ? for update', [id]);
    return found[0] ? toHold(found[0]) : null;
  }

  /** Several holds, in id order; only after their sessions' stock rows are locked. */
  async lockByIds(ids: readonly string[]): Promise<HoldRow[]> {
    const found = await this.sql.all<RawHold>('select * from hold where id = any(?::uuid[]) order by id for update', [
      pgArray(ids),
    ]);
    return found.map(toHold);
  }

  /** The sessions of these holds, read without a lock: to know which stock rows to lock first. */
  async sessionsOf(ids: readonly string[]): Promise<string[]> {
    const found = await this.sql.all<{ session_id: string }>(
      'select distinct session_id from hold where id = any(?::uuid[])',
      [pgArray(ids)],
    );
    return found.map((r) => r.session_id);
  }

  /** Holds this transaction has locked, each sold by its payment: one statement for all. */
  static markSoldMany(sales: ReadonlyArray<{ holdId: string; paymentId: string }>, now: Date): Statement {
    return {
      sql: `update hold h set status = 'SOLD', payment_id = v.payment_id, updated_at = ?
              from (values ${rows(sales.length, '(?::uuid, ?)')}) as v(id, payment_id)
             where h.id = v.id`,
      params: [now, ...sales.flatMap((s) => [s.holdId, s.paymentId])],
    };
  }

  async setStatus(ids: readonly string[], status: HoldStatus, now: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.sql.run('update hold set status = ?, updated_at = ? where id = any(?::uuid[])', [
      status,
      now,
      pgArray(ids),
    ]);
  }

  /** Sold, and by which payment (null for a sale that did not come from a payment event). */
  async markSold(id: string, paymentId: string | null, now: Date): Promise<void> {
    await this.sql.run(`update hold set status = 'SOLD', payment_id = ?, updated_at = ? where id = ?`, [
      paymentId,
      now,
      id,
    ]);
  }

  /** The user's ACTIVE + SOLD tickets in the session; read under the stock row's lock, so it cannot change. */
  async ticketsTakenBy(sessionId: string, userId: string): Promise<number> {
    const found = await this.sql.all<{ n: string | null }>(
      `select sum(quantity) as n from hold where session_id = ? and user_id = ? and status in ('ACTIVE', 'SOLD')`,
      [sessionId, userId],
    );
    return num(found[0]?.n ?? 0);
  }

  /** Sessions with ACTIVE holds past their expiry, in a stable order so sweepers lock rows alike. */
  async sessionsWithExpired(now: Date, limit: number): Promise<string[]> {
    const found = await this.sql.all<{ session_id: string }>(
      `select distinct session_id from hold where status = 'ACTIVE' and expires_at <= ? order by session_id limit ?`,
      [now, limit],
    );
    return found.map((r) => r.session_id);
  }

  /** Expired ACTIVE holds of a session; rows another transaction has locked are left to it. */
  async lockExpired(sessionId: string, now: Date, limit: number): Promise<HoldRow[]> {
    const found = await this.sql.all<RawHold>(
      `select * from hold where session_id = ? and status = 'ACTIVE' and expires_at <= ? order by id limit ? for update skip locked`,
      [sessionId, now, limit],
    );
    return found.map(toHold);
  }

  /** Newest first, after the cursor's seq. */
  async pageOfUser(
    userId: string,
    beforeSeq: number | null,
    limit: number,
    statuses: readonly HoldStatus[],
  ): Promise<HoldWithEvent[]> {
    const found = await this.sql.all<RawHoldWithEvent>(
      `${WITH_EVENT} where h.user_id = ? and (?::bigint is null or h.seq < ?::bigint)
         and (cardinality(?::text[]) = 0 or h.status = any(?::text[]))
       order by h.seq desc limit ?`,
      [userId, beforeSeq, beforeSeq, pgArray(statuses), pgArray(statuses), limit],
    );
    return found.map(toHoldWithEvent);
  }

  /** In the order they were taken, after the cursor's seq. */
  async pageOfSession(sessionId: string, afterSeq: number | null, limit: number): Promise<HoldRow[]> {
    const found = await this.sql.all<RawHold>(
      'select * from hold where session_id = ? and (?::bigint is null or seq > ?::bigint) order by seq limit ?',
      [sessionId, afterSeq, afterSeq, limit],
    );
    return found.map(toHold);
  }
}
