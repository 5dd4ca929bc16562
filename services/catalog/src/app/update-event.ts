import { writeAudit } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { cleanEventFields, statusChangeConflict, type EventStatus } from '../domain/event-rules';
import { SESSION_UPDATED } from '../domain/session-event';
import { assertValid } from '../domain/violations';
import type { EventEntity } from '../db/event.entity';
import { EventRepository } from '../db/event.repository';
import { SessionRepository } from '../db/session.repository';
import type { Actor, CatalogDeps } from './deps';
import { isUuid } from '../domain/ids';
import { enqueueSessionState } from './session-events';

export interface UpdateEventCommand {
  eventId: string;
  title?: string;
  description?: string;
  venue?: string;
  status?: EventStatus;
}

// Sessions' events carry these, so reservation's copy must hear when they change.
const SHARED_WITH_SESSIONS = ['title', 'venue', 'status'] as const;

export async function updateEvent(deps: CatalogDeps, actor: Actor, command: UpdateEventCommand): Promise<EventEntity> {
  const { value, violations } = cleanEventFields(command);
  assertValid(violations);
  const changes: Partial<EventEntity> = { ...value, ...(command.status ? { status: command.status } : {}) };

  const event = await deps.orm.em.fork().transactional(async (em) => {
    const found = isUuid(command.eventId) ? await new EventRepository(em).lock(command.eventId) : null;
    if (!found) throw new AppError('NOT_FOUND', 'event not found');
    const conflict = command.status ? statusChangeConflict(found.status, command.status) : null;
    if (conflict) throw new AppError('CONFLICT', conflict);

    const changed = (Object.keys(changes) as Array<keyof EventEntity>).filter((key) => changes[key] !== found[key]);
    if (changed.length === 0) return found;
    Object.assign(found, changes, { updatedAt: deps.now() });

    if (changed.some((key) => (SHARED_WITH_SESSIONS as readonly string[]).includes(key))) {
      for (const session of await new SessionRepository(em).lockAllOfEvent(found.id)) {
        session.version += 1;
        session.updatedAt = deps.now();
        await enqueueSessionState(em, SESSION_UPDATED, session, found, deps.maxEventBytes);
      }
    }
    await em.flush();
    await writeAudit(em, {
      actorId: actor.subject,
      action: 'event.updated',
      targetType: 'event',
      targetId: found.id,
      meta: { changed },
    });
    return found;
  });
  deps.listings.invalidate(event.id);
  deps.wakeOutboxRelay();
  return event;
}
