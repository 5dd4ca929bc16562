import { randomUUID } from 'node:crypto';
import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { SeatingKind } from '../domain/session-rules';

@Entity({ tableName: 'session' })
export class SessionEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  // A plain column, not a relation: sessions are always read by event id, never navigated.
  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'timestamptz' })
  startAt!: Date;

  @Property({ type: 'timestamptz' })
  salesOpenAt!: Date;

  @Property({ type: 'timestamptz' })
  salesCloseAt!: Date;

  @Property({ type: new BigIntType('number') })
  priceMinor!: number;

  @Property({ type: 'text' })
  currency!: string;

  @Property({ type: 'text' })
  seatingKind!: SeatingKind;

  @Property({ type: 'integer' })
  totalStock!: number;

  @Property({ type: 'boolean' })
  queueEnabled: boolean = false;

  @Property({ type: 'integer' })
  admissionRatePerSec: number = 0;

  @Property({ type: 'integer' })
  maxQueueLength: number = 0;

  /** Bumped by every change and carried in its event, so consumers can drop stale updates. */
  @Property({ type: 'integer' })
  version: number = 1;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
