import { AppError } from '@ticketing/errors';
import { EventRepository } from '../db/event.repository';
import { SessionRepository } from '../db/session.repository';
import type { CatalogDeps } from './deps';
import { isUuid } from '../domain/ids';
import { readSession, toSeatFacts, toSessionView, type SessionReading } from './session-view';

/** One session with its seats; sessions of unpublished events exist only for admins. */
export async function getSession(
  deps: CatalogDeps,
  sessionId: string,
  includeUnpublished: boolean,
): Promise<SessionReading> {
  const em = deps.orm.em.fork();
  const sessions = new SessionRepository(em);
  const session = isUuid(sessionId) ? await sessions.findById(sessionId) : null;
  const event = session ? await new EventRepository(em).findById(session.eventId) : null;
  if (!session || !event || (!includeUnpublished && event.status !== 'PUBLISHED'))
    throw new AppError('NOT_FOUND', 'session not found');
  const seats = session.seatingKind === 'SEAT_MAP' ? (await sessions.seatsOf(session.id)).map(toSeatFacts) : undefined;
  const snapshot = (await deps.stock.get([session.id])).get(session.id) ?? null;
  return readSession(toSessionView(session), snapshot, event.status, deps.now(), seats);
}
