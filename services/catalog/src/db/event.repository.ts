import type { EntityManager } from '@mikro-orm/postgresql';
import { EventEntity } from './event.entity';

export interface PageCursor {
  createdAt: Date;
  id: string;
}

export class EventRepository {
  constructor(private readonly em: EntityManager) {}

  /** Keyset pagination, newest first: stable under inserts, unlike OFFSET. */
  async listPublished(limit: number, after: PageCursor | null): Promise<EventEntity[]> {
    const where = after
      ? { status: 'PUBLISHED' as const, $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, id: { $lt: after.id } }] }
      : { status: 'PUBLISHED' as const };
    return this.em.find(EventEntity, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
  }
}
