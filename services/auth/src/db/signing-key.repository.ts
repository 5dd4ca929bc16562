import type { EntityManager } from '@mikro-orm/postgresql';
import { Sql } from '@ticketing/db';
import type { SigningKeyMaterial } from '../crypto/access-token-signer';
import { SigningKeyEntity } from './signing-key.entity';

// Any constant works; it only has to be the same for every replica of this service.
const KEY_CHANGE_LOCK = 0x61757468; // "auth"

export class SigningKeyRepository {
  private readonly sql: Sql;

  constructor(private readonly em: EntityManager) {
    this.sql = new Sql(em);
  }

  /** Serialises key changes across replicas until the transaction ends; must run inside one. */
  async lockForChange(): Promise<void> {
    await this.sql.run('select pg_advisory_xact_lock(?)', [KEY_CHANGE_LOCK]);
  }

  findActive(): Promise<SigningKeyEntity | null> {
    return this.em.findOne(SigningKeyEntity, { active: true });
  }

  listPublished(): Promise<SigningKeyEntity[]> {
    return this.em.find(SigningKeyEntity, { retiredAt: null }, { orderBy: { createdAt: 'desc', kid: 'asc' } });
  }

  async insertActive(key: SigningKeyMaterial): Promise<void> {
    await this.em.insert(SigningKeyEntity, {
      kid: key.kid,
      publicJwk: key.publicJwk,
      privateJwk: key.privateJwk,
      active: true,
      createdAt: new Date(),
    });
  }

  async deactivateActive(): Promise<void> {
    await this.sql.run('update signing_key set active = false, deactivated_at = now() where active');
  }

  /** Keys replaced before `cutoff` can no longer have valid tokens out there, so they stop being published. */
  async retireReplacedBefore(cutoff: Date): Promise<string[]> {
    const rows = await this.sql.all<{ kid: string }>(
      'update signing_key set retired_at = now() where not active and retired_at is null and deactivated_at < ? returning kid',
      [cutoff],
    );
    return rows.map((row) => row.kid).sort();
  }
}
