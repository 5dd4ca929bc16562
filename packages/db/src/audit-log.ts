import { NOTHING, rows, runTogether, type SqlOrEm, type Statement } from './sql';

/**
 * Who did what to which object. `Target` lets a service narrow the kinds of object it audits
 * (e.g. `AuditEntry<'hold' | 'session'>`).
 */
export interface AuditEntry<Target extends string = string> {
  actorId: string | null;
  action: string;
  targetType: Target;
  targetId: string | null;
  /** Never passwords or tokens: audit rows are read by people. */
  meta?: Record<string, unknown>;
}

/** One multi-row insert for a batch, to run alone or together with the change it records. */
export function auditStatement(entries: readonly AuditEntry[]): Statement {
  if (entries.length === 0) return NOTHING;
  const values = rows(entries.length, '(?, ?, ?, ?, ?::jsonb)');
  return {
    sql: `insert into audit_log (actor_id, action, target_type, target_id, meta) values ${values}`,
    params: entries.flatMap((e) => [e.actorId, e.action, e.targetType, e.targetId, JSON.stringify(e.meta ?? {})]),
  };
}

/** Appends to audit_log in the caller's transaction: the records exist if and only if the change does. */
export async function writeAudit(db: SqlOrEm, entries: AuditEntry | readonly AuditEntry[]): Promise<void> {
  await runTogether(db, [auditStatement(Array.isArray(entries) ? entries : [entries])]);
}
