import { AppError } from '@ticketing/errors';

/** Cursors are opaque to clients: the seq of the last row of the page. */
export function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ s: seq })).toString('base64url');
}

/** Cursors come from clients, so anything unexpected is a clean INVALID_ARGUMENT, never a query error. */
export function decodeCursor(raw: string): number | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { s?: unknown };
    if (Number.isSafeInteger(parsed.s) && (parsed.s as number) > 0) return parsed.s as number;
  } catch {
    // fall through to the error below
  }
  throw new AppError('INVALID_ARGUMENT', 'cursor is not valid; use the nextCursor of a previous page');
}

/** Page size as asked, within bounds; 0 (unset in proto) means the default. */
export function pageLimit(pageSize: number, max = 100): number {
  return Math.min(Math.max(pageSize || 20, 1), max);
}
