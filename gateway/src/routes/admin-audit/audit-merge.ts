import { AppError } from '@ticketing/errors';
import type { commonV1 } from '@ticketing/contracts';
import { AUDITED_SERVICES, type AuditedService } from './schemas';

/** Where a page ended in the total order (at desc, service asc, id desc) of every service's trail. */
export interface AuditPosition {
  at: string;
  service: AuditedService;
  id: string;
}

export interface AuditItem extends AuditPosition {
  actorId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  meta: Record<string, unknown>;
}

const MICROS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const NO_ID = '0';
const EVERY_ID = '9223372036854775807';

export const encodeCursor = (p: AuditPosition) =>
  Buffer.from(JSON.stringify([p.at, p.service, p.id])).toString('base64url');

export function decodeCursor(cursor: string): AuditPosition {
  const parsed: unknown = (() => {
    try {
      return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
  })();
  const [at, service, id] = Array.isArray(parsed) ? (parsed as unknown[]) : [];
  const valid =
    typeof at === 'string' &&
    MICROS.test(at) &&
    AUDITED_SERVICES.includes(service as AuditedService) &&
    typeof id === 'string' &&
    /^\d{1,19}$/.test(id);
  if (!valid) {
    const message = 'is not a cursor this route gave';
    throw new AppError('VALIDATION_FAILED', `querystring/cursor ${message}`, {
      errors: [{ field: '/cursor', in: 'querystring', message }],
    });
  }
  return { at, service: service as AuditedService, id };
}

/**
 * The keyset one service is asked from, so that together they continue right after `after`: a
 * service before the cursor's in the order already gave every entry at that instant (id 0 takes
 * none), the cursor's own continues below its id, and one after it gives all of them.
 */
export function serviceCursor(service: AuditedService, after: AuditPosition | null): string {
  if (!after) return '';
  if (service === after.service) return `${after.at},${after.id}`;
  return `${after.at},${service < after.service ? NO_ID : EVERY_ID}`;
}

const byId = (a: string, b: string) => b.length - a.length || (a < b ? 1 : a > b ? -1 : 0);

/** Newest first; ties by service name, then by id descending (ids are decimal, so longer is larger). */
export function compareItems(a: AuditPosition, b: AuditPosition): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.service !== b.service) return a.service < b.service ? -1 : 1;
  return byId(a.id, b.id);
}

export function toItem(service: AuditedService, entry: commonV1.AuditEntry__Output): AuditItem {
  return {
    service,
    id: entry.id,
    actorId: entry.actorId || null,
    action: entry.action,
    objectType: entry.targetType,
    objectId: entry.targetId || null,
    meta: JSON.parse(entry.metaJson || '{}') as Record<string, unknown>,
    at: entry.createdAt,
  };
}

/**
 * One page across services. Each service gave its first `limit` entries after the cursor, so the
 * first `limit` of their union are the page; anything a service left out sorts after its own
 * `limit`-th entry, hence after the page's last one, where the next page starts.
 */
export function mergePages(
  pages: ReadonlyArray<{ service: AuditedService; page: commonV1.ListAuditResponse__Output }>,
  limit: number,
): { items: AuditItem[]; nextCursor: string | null } {
  const all = pages.flatMap(({ service, page }) => page.items.map((entry) => toItem(service, entry)));
  const items = all.sort(compareItems).slice(0, limit);
  const more = all.length > limit || pages.some(({ page }) => page.nextCursor !== '');
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodeCursor(last) : null };
}
