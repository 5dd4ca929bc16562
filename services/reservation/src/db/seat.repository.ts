import { num, pgArray, rows, type Sql, type Statement } from '@ticketing/db';
import type { SeatFacts } from '../domain/session-state';

export interface TakenSeat {
  id: string;
  label: string;
  priceMinor: number;
}

// Keeps each multi-row insert well under PostgreSQL's 65,535 bind parameters.
const SEAT_CHUNK = 5000;

export class SeatRepository {
  constructor(private readonly sql: Sql) {}

  /** New seats are inserted; known ones keep their status and take the new label, section and price. */
  async upsert(sessionId: string, seats: readonly SeatFacts[]): Promise<void> {
    for (let i = 0; i < seats.length; i += SEAT_CHUNK) {
      const chunk = seats.slice(i, i + SEAT_CHUNK);
      await this.sql.run(
        `insert into seat (id, session_id, label, section, price_minor) values ${rows(chunk.length, '(?, ?, ?, ?, ?)')}
         on conflict (id) do update set label = excluded.label, section = excluded.section, price_minor = excluded.price_minor`,
        chunk.flatMap((s) => [s.id, sessionId, s.label, s.section, s.priceMinor]),
      );
    }
  }

  /**
   * The conditional update that makes seat holds safe: a seat changes only if it is AVAILABLE.
   * Fewer rows back than asked means some seat was not free (the caller rolls back to its savepoint).
   */
  async take(sessionId: string, seatIds: readonly string[], holdId: string): Promise<TakenSeat[]> {
    const taken = await this.sql.all<{ id: string; label: string; price_minor: string }>(
      `update seat set status = 'HELD', hold_id = ? where session_id = ? and id = any(?::uuid[]) and status = 'AVAILABLE'
       returning id, label, price_minor`,
      [holdId, sessionId, pgArray(seatIds)],
    );
    return taken.map((s) => ({ id: s.id, label: s.label, priceMinor: num(s.price_minor) }));
  }

  /** Which of these seats exist in the session, and whether each is free. */
  async describe(
    sessionId: string,
    seatIds: readonly string[],
  ): Promise<Array<{ id: string; label: string; status: string }>> {
    return this.sql.all('select id, label, status from seat where session_id = ? and id = any(?::uuid[])', [
      sessionId,
      pgArray(seatIds),
    ]);
  }

  async release(holdIds: readonly string[]): Promise<void> {
    if (holdIds.length === 0) return;
    await this.sql.run(`update seat set status = 'AVAILABLE', hold_id = null where hold_id = any(?::uuid[])`, [
      pgArray(holdIds),
    ]);
  }

  /**
   * A late sale takes the seats straight to SOLD, all or none: a seat someone else has taken since
   * the hold ended leaves every seat as it was. Runs under the session's stock lock.
   */
  async sellIfAllFree(sessionId: string, seatIds: readonly string[], holdId: string): Promise<boolean> {
    const changed = await this.sql.run(
      `with free as (
         select id from seat where session_id = ? and id = any(?::uuid[]) and status = 'AVAILABLE' for update
       )
       update seat set status = 'SOLD', hold_id = ? where id in (select id from free) and (select count(*) from free) = ?`,
      [sessionId, pgArray(seatIds), holdId, seatIds.length],
    );
    return changed === seatIds.length;
  }

  /** The seats of holds being sold together (quantity holds have none): one statement for all. */
  static sellOfHolds(holdIds: readonly string[]): Statement {
    return {
      sql: `update seat set status = 'SOLD' where hold_id = any(?::uuid[]) and status = 'HELD'`,
      params: [pgArray(holdIds)],
    };
  }

  async sell(holdId: string): Promise<void> {
    await this.sql.run(`update seat set status = 'SOLD' where hold_id = ? and status = 'HELD'`, [holdId]);
  }
}
