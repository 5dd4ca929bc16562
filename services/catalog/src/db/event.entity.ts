import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

export type EventStatus = 'DRAFT' | 'PUBLISHED' | 'CANCELLED';

@Entity({ tableName: 'event' })
export class EventEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  description: string = '';

  @Property({ type: 'text' })
  venue!: string;

  @Property({ type: 'text' })
  status: EventStatus = 'DRAFT';

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
