import type { EntityManager } from '@mikro-orm/postgresql';
import { EventRepository } from '../db/event.repository';
import type { EventEntity } from '../db/event.entity';
import { decodeCursor, encodeCursor, pageLimit } from './page-cursor';

export interface EventPage {
  items: EventEntity[];
  nextCursor: string;
}

/** Newest first; buyers see published events only, admins (includeUnpublished) see all. */
export async function listEvents(
  em: EntityManager,
  query: { pageSize: number; cursor: string; includeUnpublished: boolean },
): Promise<EventPage> {
  const limit = pageLimit(query.pageSize);
  const rows = await new EventRepository(em).listPage(limit + 1, decodeCursor(query.cursor), query.includeUnpublished);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : '' };
}
