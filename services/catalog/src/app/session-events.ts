import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '@ticketing/errors';
import { enqueueEvents } from '@ticketing/nats-kit';
import type { EventStatus } from '../domain/event-rules';
import { payloadBytes, sessionEventPayload, type SeatFacts } from '../domain/session-event';
import { SessionRepository } from '../db/session.repository';
import type { SessionEntity } from '../db/session.entity';
import { toSeatFacts, toSessionView } from './session-view';

type SessionEventType = 'catalog.session.created' | 'catalog.session.updated';

/**
 * Writes the session's whole state to the outbox in the caller's transaction. Seats are read
 * from the database unless the caller has them. An event the broker would refuse is refused
 * here, with the request, rather than blocking the outbox relay behind it forever. `concert` is the
 * catalog event the session belongs to, not to be confused with the outbox event written here.
 */
export async function enqueueSessionState(
  em: EntityManager,
  type: SessionEventType,
  session: SessionEntity,
  concert: { title: string; venue: string; status: EventStatus },
  maxEventBytes: number,
  knownSeats?: SeatFacts[],
): Promise<void> {
  const seats =
    session.seatingKind === 'SEAT_MAP'
      ? (knownSeats ?? (await new SessionRepository(em).seatsOf(session.id)).map(toSeatFacts))
      : null;
  const payload = sessionEventPayload(toSessionView(session), concert, seats);
  const size = payloadBytes(payload);
  if (size > maxEventBytes) {
    throw new AppError(
      'VALIDATION_FAILED',
      `this seat map is too large to publish (${size} bytes, at most ${maxEventBytes}); use shorter labels and sections`,
      {
        errors: [
          {
            field: 'seats',
            message: `the session's event would be ${size} bytes, over the ${maxEventBytes} the message broker accepts`,
          },
        ],
      },
    );
  }
  await enqueueEvents(em, [{ type, payload }]);
}
