import { writeAudit } from '@ticketing/db';
import { cleanEventFields, initialStatusViolation, type EventStatus } from '../domain/event-rules';
import { assertValid } from '../domain/violations';
import { EventEntity } from '../db/event.entity';
import type { Actor, CatalogDeps } from './deps';

export interface CreateEventCommand {
  title: string;
  description: string;
  venue: string;
  status: EventStatus;
}

export async function createEvent(deps: CatalogDeps, actor: Actor, command: CreateEventCommand): Promise<EventEntity> {
  const { value, violations } = cleanEventFields(command);
  const statusViolation = initialStatusViolation(command.status);
  assertValid(statusViolation ? [...violations, statusViolation] : violations);

  return deps.orm.em.fork().transactional(async (em) => {
    const created = Object.assign(new EventEntity(), {
      ...value,
      status: command.status,
      createdAt: deps.now(),
      updatedAt: deps.now(),
    });
    em.persist(created);
    await em.flush();
    await writeAudit(em, {
      actorId: actor.subject,
      action: 'event.created',
      targetType: 'event',
      targetId: created.id,
      meta: { title: created.title, status: created.status },
    });
    return created;
  });
}
