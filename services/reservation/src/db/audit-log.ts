import { NOTHING, rows, runTogether, type Sql, type Statement } from './sql';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: 'hold' | 'session';
  targetId: string;
  meta?: Record<string, unknown>;
}

export function auditStatement(entries: readonly AuditEntry[]): Statement {
  if (entries.length === 0) return NOTHING;
  return {
    sql: `insert into audit_log (actor_id, action, target_type, target_id, meta) values ${rows(entries.length, '(?, ?, ?, ?, ?::jsonb)')}`,
    params: entries.flatMap((e) => [e.actorId, e.action, e.targetType, e.targetId, JSON.stringify(e.meta ?? {})]),
  };
}

/** Appends to audit_log in the caller's transaction: the records exist if and only if the change does. */
export async function writeAudit(sql: Sql, entries: readonly AuditEntry[]): Promise<void> {
  await runTogether(sql, [auditStatement(entries)]);
}
