import type { EntityManager } from '@mikro-orm/postgresql';

export interface AuditEntry {
  actorId: string;
  action: string;
  targetType: 'event' | 'session';
  targetId: string;
  meta?: Record<string, unknown>;
}

/** Appends to audit_log in the caller's transaction: the record exists if and only if the change does. */
export async function writeAudit(em: EntityManager, entry: AuditEntry): Promise<void> {
  await em
    .getConnection()
    .execute(
      'insert into audit_log (actor_id, action, target_type, target_id, meta) values (?, ?, ?, ?, ?)',
      [entry.actorId, entry.action, entry.targetType, entry.targetId, JSON.stringify(entry.meta ?? {})],
      'run',
      em.getTransactionContext(),
    );
}
