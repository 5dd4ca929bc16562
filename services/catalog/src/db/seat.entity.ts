import { randomUUID } from 'node:crypto';
import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'seat' })
export class SeatEntity {
  // Assigned here and carried in catalog.session.created, so reservation's seats use the same ids.
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  sessionId!: string;

  /** The order the admin listed the seats in, which is how they are shown. */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  label!: string;

  @Property({ type: 'text' })
  section: string = '';

  /** Null: the session's price. */
  @Property({ type: new BigIntType('number'), nullable: true })
  priceMinor: number | null = null;
}
