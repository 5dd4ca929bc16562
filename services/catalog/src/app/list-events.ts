import type { EntityManager } from '@mikro-orm/postgresql';
import { EventRepository } from '../db/event.repository';
import type { EventEntity } from '../db/event.entity';
import { decodeCursor, encodeCursor } from './page-cursor';

export const MAX_PAGE_SIZE = 100;

export interface EventPage {
  items: EventEntity[];
  nextCursor: string;
}

export async function listPublishedEvents(em: EntityManager, pageSize: number, cursor: string): Promise<EventPage> {
  const limit = Math.min(Math.max(pageSize || 20, 1), MAX_PAGE_SIZE);
  const rows = await new EventRepository(em).listPublished(limit + 1, decodeCursor(cursor));
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : '' };
}
