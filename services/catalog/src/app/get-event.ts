import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '@ticketing/errors';
import type { EventEntity } from '../db/event.entity';
import { EventRepository } from '../db/event.repository';
import { isUuid } from '../domain/ids';

/** Drafts and cancelled events do not exist for buyers: the answer is the same as for a wrong id. */
export async function getEvent(em: EntityManager, eventId: string, includeUnpublished: boolean): Promise<EventEntity> {
  const event = isUuid(eventId) ? await new EventRepository(em).findById(eventId) : null;
  if (!event || (!includeUnpublished && event.status !== 'PUBLISHED'))
    throw new AppError('NOT_FOUND', 'event not found');
  return event;
}
