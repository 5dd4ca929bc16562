import { writeAudit } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { enqueueEvents } from '@ticketing/nats-kit';
import { SESSION_DELETED } from '../domain/session-event';
import { deleteEventConflict } from '../domain/stock';
import { EventRepository } from '../db/event.repository';
import { SessionRepository } from '../db/session.repository';
import type { Actor, CatalogDeps } from './deps';
import { isUuid } from '../domain/ids';

/**
 * Deletes an event and its sessions while none of its tickets is sold (per the stock read model,
 * which may lag by a second; reservation still refuses holds once it hears the session is gone).
 */
export async function deleteEvent(deps: CatalogDeps, actor: Actor, eventId: string): Promise<void> {
  const sessionIds = await deps.orm.em.fork().transactional(async (em) => {
    const event = isUuid(eventId) ? await new EventRepository(em).lock(eventId) : null;
    if (!event) throw new AppError('NOT_FOUND', 'event not found');
    const sessions = await new SessionRepository(em).lockAllOfEvent(eventId);
    const snapshots = await deps.stock.get(sessions.map((s) => s.id));
    const conflict = deleteEventConflict(sessions.map((s) => snapshots.get(s.id) ?? null));
    if (conflict) throw new AppError('CONFLICT', conflict);

    await enqueueEvents(
      em,
      sessions.map((session) => ({
        type: SESSION_DELETED,
        payload: { sessionId: session.id, eventId, version: session.version + 1 },
      })),
    );
    em.remove(event);
    await em.flush();
    await writeAudit(em, {
      actorId: actor.subject,
      action: 'event.deleted',
      targetType: 'event',
      targetId: eventId,
      meta: { title: event.title, sessions: sessions.length },
    });
    return sessions.map((s) => s.id);
  });
  deps.listings.invalidate(eventId);
  deps.wakeOutboxRelay();
  // Best effort: a leftover count of a deleted session is never read, only wasted.
  await deps.stock.forget(sessionIds).catch(() => undefined);
}
