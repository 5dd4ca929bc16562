import { date, NOTHING, num, pgArray, rows, type Sql, type Statement } from '@ticketing/db';
import type { NewTicket, TicketStatus } from '../domain/ticket-plan';

export interface TicketRow extends NewTicket {
  seq: number;
  cancelledAt: Date | null;
}

/** A ticket with what the buyer sees of its event (joined from the stock row). */
export interface TicketWithEvent extends TicketRow {
  event: { eventId: string; title: string; startAt: Date; venue: string };
}

interface RawTicket {
  seq: string;
  id: string;
  code: string;
  hold_id: string;
  session_id: string;
  user_id: string;
  seat_id: string | null;
  seat_label: string | null;
  status: TicketStatus;
  issued_at: string;
  cancelled_at: string | null;
  event_id: string;
  event_title: string;
  start_at: string;
  venue: string;
}

const toTicket = (r: RawTicket): TicketWithEvent => ({
  seq: num(r.seq),
  id: r.id,
  code: r.code,
  holdId: r.hold_id,
  sessionId: r.session_id,
  userId: r.user_id,
  seatId: r.seat_id,
  seatLabel: r.seat_label,
  status: r.status,
  issuedAt: date(r.issued_at),
  cancelledAt: r.cancelled_at === null ? null : date(r.cancelled_at),
  event: { eventId: r.event_id, title: r.event_title, startAt: date(r.start_at), venue: r.venue },
});

const WITH_EVENT =
  'select t.*, s.event_id, s.event_title, s.start_at, s.venue from ticket t join stock s on s.session_id = t.session_id';

export class TicketRepository {
  constructor(private readonly sql: Sql) {}

  /** In the sale's transaction, so a hold is never SOLD without its tickets. */
  async issue(tickets: readonly NewTicket[]): Promise<void> {
    const { sql, params } = TicketRepository.issueStatement(tickets);
    if (sql !== '') await this.sql.run(sql, params);
  }

  static issueStatement(tickets: readonly NewTicket[]): Statement {
    if (tickets.length === 0) return NOTHING;
    return {
      sql: `insert into ticket (id, code, hold_id, session_id, user_id, seat_id, seat_label, status, issued_at)
       values ${rows(tickets.length, '(?, ?, ?, ?, ?, ?, ?, ?, ?)')}`,
      params: tickets.flatMap((t) => [
        t.id,
        t.code,
        t.holdId,
        t.sessionId,
        t.userId,
        t.seatId,
        t.seatLabel,
        t.status,
        t.issuedAt,
      ]),
    };
  }

  /** The hold's VALID tickets become CANCELLED; the caller holds the stock row's and the hold's locks. */
  async cancelOfHold(holdId: string, now: Date): Promise<number> {
    return this.sql.run(
      `update ticket set status = 'CANCELLED', cancelled_at = ? where hold_id = ? and status = 'VALID'`,
      [now, holdId],
    );
  }

  /** The tickets of these holds, in the order they were issued. */
  async ofHolds(holdIds: readonly string[]): Promise<TicketWithEvent[]> {
    if (holdIds.length === 0) return [];
    const found = await this.sql.all<RawTicket>(`${WITH_EVENT} where t.hold_id = any(?::uuid[]) order by t.seq`, [
      pgArray(holdIds),
    ]);
    return found.map(toTicket);
  }

  /** Newest first, before the cursor's seq. */
  async pageOfUser(userId: string, beforeSeq: number | null, limit: number): Promise<TicketWithEvent[]> {
    const found = await this.sql.all<RawTicket>(
      `${WITH_EVENT} where t.user_id = ? and (?::bigint is null or t.seq < ?::bigint) order by t.seq desc limit ?`,
      [userId, beforeSeq, beforeSeq, limit],
    );
    return found.map(toTicket);
  }

  /** Only the owner's: another user's ticket is not found, like a ticket that does not exist. */
  async findOfUser(id: string, userId: string): Promise<TicketWithEvent | null> {
    const found = await this.sql.all<RawTicket>(`${WITH_EVENT} where t.id = ? and t.user_id = ?`, [id, userId]);
    return found[0] ? toTicket(found[0]) : null;
  }

  /** Tickets that still admit, and what the session's SOLD holds were sold for (minor units). */
  async salesOfSession(sessionId: string): Promise<{ ticketsSold: number; revenueMinor: number }> {
    const found = await this.sql.all<{ tickets_sold: string; revenue: string }>(
      `select (select count(*) from ticket where session_id = ? and status = 'VALID') as tickets_sold,
              (select coalesce(sum(price_minor), 0) from hold where session_id = ? and status = 'SOLD') as revenue`,
      [sessionId, sessionId],
    );
    return { ticketsSold: num(found[0]!.tickets_sold), revenueMinor: num(found[0]!.revenue) };
  }
}
