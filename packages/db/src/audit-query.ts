import { sqlOf, type SqlOrEm } from './sql';

export const AUDIT_PAGE = { default: 50, max: 200 } as const;
const MAX_FILTER_LENGTH = 200;
const MAX_BIGINT = 9223372036854775807n;

/**
 * One read of a service's audit trail, as the shared ListAudit request carries it: empty strings
 * mean "any", `pageSize` 0 means the default. `from` is inclusive, `to` exclusive. `cursor` is a
 * `nextCursor`, `<created_at>,<id>`: only rows after it in (created_at desc, id desc) order.
 */
export interface AuditPageRequest {
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
  cursor: string;
  pageSize: number;
}

export interface AuditRecord {
  id: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  meta: Record<string, unknown>;
  /** RFC 3339 in UTC with the database's microseconds: a keyset with less precision would skip rows. */
  at: string;
}

export interface AuditPage {
  items: AuditRecord[];
  /** Empty on the last page. */
  nextCursor: string;
}

/** The request cannot be read; the service answers INVALID_ARGUMENT with this message. */
export class AuditQueryInvalid extends Error {
  override name = 'AuditQueryInvalid';
}

// Only the UTC form: the database must never be the one to refuse a date (that would be a 500).
const UTC_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?Z$/;

function timestamp(field: string, value: string): string {
  const match = UTC_TIMESTAMP.exec(value);
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0] = match ? match.slice(1).map(Number) : [];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  const exists = match && y >= 1 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && sec < 60;
  if (!exists) throw new AuditQueryInvalid(`${field} must be a UTC timestamp like 2026-12-01T10:00:00.000000Z`);
  return value;
}

function text(field: string, value: string): string {
  if (value.length > MAX_FILTER_LENGTH || value.includes('\u0000')) {
    throw new AuditQueryInvalid(`${field} must be at most ${MAX_FILTER_LENGTH} characters, without NUL`);
  }
  return value;
}

function keyset(cursor: string): [at: string, id: string] {
  const [at = '', id = '', ...rest] = cursor.split(',');
  if (rest.length > 0 || !/^\d{1,19}$/.test(id) || BigInt(id) > MAX_BIGINT) {
    throw new AuditQueryInvalid('cursor must be "<created_at>,<id>" with a non-negative 64-bit id');
  }
  return [timestamp('cursor', at), id];
}

function pageSize(size: number): number {
  if (!Number.isInteger(size) || size < 0) throw new AuditQueryInvalid('pageSize must be a non-negative integer');
  return size === 0 ? AUDIT_PAGE.default : Math.min(size, AUDIT_PAGE.max);
}

// Audit rows are read by people: whatever a writer put there by mistake, these never leave the database.
const SECRET_KEY =
  /password|passphrase|secret|authori[sz]ation|^(access|refresh|id|bearer)?_?token$|card_?number|^cv[cv]$/i;

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, SECRET_KEY.test(key) ? '[redacted]' : withoutSecrets(child)]),
  );
}

interface AuditRow {
  id: string;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  meta: Record<string, unknown>;
  at: string;
}

/**
 * A page of the audit trail, newest first, by keyset: `(created_at, id) < cursor`
 * is served by audit_log_created_idx (or audit_log_actor_idx with an actor) whatever the depth.
 */
export async function readAuditPage(db: SqlOrEm, request: AuditPageRequest): Promise<AuditPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  const when = (clause: string, ...values: unknown[]) => (where.push(clause), params.push(...values));
  if (request.actorId) when('actor_id = ?', text('actorId', request.actorId));
  if (request.action) when('action = ?', text('action', request.action));
  if (request.targetType) when('target_type = ?', text('targetType', request.targetType));
  if (request.targetId) when('target_id = ?', text('targetId', request.targetId));
  if (request.from) when('created_at >= ?::timestamptz', timestamp('from', request.from));
  if (request.to) when('created_at < ?::timestamptz', timestamp('to', request.to));
  if (request.cursor) when('(created_at, id) < (?::timestamptz, ?::bigint)', ...keyset(request.cursor));
  const limit = pageSize(request.pageSize);
  const rows = await sqlOf(db).all<AuditRow>(
    `select id::text as id, actor_id, action, target_type, target_id, meta,
       to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
     from audit_log ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
     order by created_at desc, id desc limit ?`,
    [...params, limit + 1],
  );
  const items = rows.slice(0, limit).map((row): AuditRecord => ({
    id: row.id,
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    meta: withoutSecrets(row.meta) as Record<string, unknown>,
    at: row.at,
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? `${last.at},${last.id}` : '' };
}
