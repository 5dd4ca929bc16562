import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Maps the shared audit_log table (created by @ticketing/db's migration). */
@Entity({ tableName: 'audit_log' })
export class AuditLogEntity {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id?: string;

  @Property({ type: 'text', nullable: true })
  actorId: string | null = null;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text' })
  targetType!: string;

  @Property({ type: 'text', nullable: true })
  targetId: string | null = null;

  @Property({ type: 'json' })
  meta: Record<string, unknown> = {};

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  /** Never passwords or tokens: audit rows are read by people. */
  meta?: Record<string, unknown>;
}

/** Inserted at once on `em`, so inside a transaction it commits or rolls back with the change it records. */
export async function recordAudit(em: EntityManager, entry: AuditEntry): Promise<void> {
  await em.insert(AuditLogEntity, { ...entry, meta: entry.meta ?? {}, createdAt: new Date() });
}
