import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { JWK } from 'jose';

@Entity({ tableName: 'signing_key' })
export class SigningKeyEntity {
  @PrimaryKey({ type: 'text' })
  kid!: string;

  @Property({ type: 'json' })
  publicJwk!: JWK;

  @Property({ type: 'json', hidden: true })
  privateJwk!: JWK;

  /** The one key that signs new tokens; a partial unique index allows at most one. */
  @Property({ type: 'boolean' })
  active: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null = null;

  /** Once set, the key is no longer published: nothing it signed can still be valid. */
  @Property({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null = null;
}
