import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SeatDraft } from '../domain/seat-map';
import { SeatEntity } from './seat.entity';
import { SessionEntity } from './session.entity';

// Multi-row inserts are far faster than one statement per seat; chunks keep each under
// PostgreSQL's 65,535 bind parameters.
const SEAT_INSERT_CHUNK = 2000;

export class SessionRepository {
  constructor(private readonly em: EntityManager) {}

  async listByEvent(eventId: string): Promise<SessionEntity[]> {
    return this.em.find(SessionEntity, { eventId }, { orderBy: { startAt: 'asc', id: 'asc' } });
  }

  async findById(id: string): Promise<SessionEntity | null> {
    return this.em.findOne(SessionEntity, { id });
  }

  /** Inside a transaction: one writer per session at a time, so versions never repeat. */
  async lock(id: string): Promise<SessionEntity | null> {
    return this.em.findOne(SessionEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  async lockAllOfEvent(eventId: string): Promise<SessionEntity[]> {
    return this.em.find(SessionEntity, { eventId }, { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  async seatsOf(sessionId: string): Promise<SeatEntity[]> {
    return this.em.find(SeatEntity, { sessionId }, { orderBy: { position: 'asc' } });
  }

  /** Inserts the seats in the caller's transaction and returns them with their new ids. */
  async insertSeats(sessionId: string, seats: SeatDraft[]): Promise<SeatEntity[]> {
    const rows = seats.map((seat, position) => Object.assign(new SeatEntity(), { sessionId, position, ...seat }));
    for (let i = 0; i < rows.length; i += SEAT_INSERT_CHUNK) {
      await this.em.insertMany(SeatEntity, rows.slice(i, i + SEAT_INSERT_CHUNK));
    }
    return rows;
  }
}
