import { AppError } from '@ticketing/errors';
import type { PageCursor } from '../db/event.repository';
import { isUuid } from '../domain/ids';

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ c: cursor.at.toISOString(), i: cursor.id })).toString('base64url');
}

/** Cursors come from clients, so anything unexpected is a clean INVALID_ARGUMENT, never a query error. */
export function decodeCursor(raw: string): PageCursor | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { c?: unknown; i?: unknown };
    const at = new Date(String(parsed.c));
    if (typeof parsed.i === 'string' && isUuid(parsed.i) && !Number.isNaN(at.getTime())) {
      return { at, id: parsed.i };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('INVALID_ARGUMENT', 'cursor is not valid; use the nextCursor of a previous page');
}

/** Page size as asked, within bounds; 0 (unset in proto) means the default. */
export function pageLimit(pageSize: number, max = 100): number {
  return Math.min(Math.max(pageSize || 20, 1), max);
}
