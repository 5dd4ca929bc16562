import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EventEntity } from './event.entity';

export interface PageCursor {
  at: Date;
  id: string;
}

export class EventRepository {
  constructor(private readonly em: EntityManager) {}

  /** Keyset pagination, newest first: stable under inserts, unlike OFFSET. */
  async listPage(limit: number, after: PageCursor | null, includeUnpublished: boolean): Promise<EventEntity[]> {
    const visible = includeUnpublished ? {} : { status: 'PUBLISHED' as const };
    const where = after
      ? { ...visible, $or: [{ createdAt: { $lt: after.at } }, { createdAt: after.at, id: { $lt: after.id } }] }
      : visible;
    return this.em.find(EventEntity, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
  }

  async findById(id: string): Promise<EventEntity | null> {
    return this.em.findOne(EventEntity, { id });
  }

  /** Inside a transaction: serializes changes to the event and to the set of its sessions. */
  async lock(id: string, mode: 'update' | 'share' = 'update'): Promise<EventEntity | null> {
    const lockMode = mode === 'update' ? LockMode.PESSIMISTIC_WRITE : LockMode.PESSIMISTIC_READ;
    return this.em.findOne(EventEntity, { id }, { lockMode });
  }
}
