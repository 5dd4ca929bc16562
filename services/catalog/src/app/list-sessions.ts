import { AppError } from '@ticketing/errors';
import type { CatalogDeps } from './deps';
import { isUuid } from '../domain/ids';
import { decodeCursor, encodeCursor, pageLimit } from './page-cursor';
import { readSession, type SessionReading } from './session-view';

export interface SessionPage {
  items: SessionReading[];
  nextCursor: string;
}

/**
 * The hot read path of an on-sale: rows from the in-memory listing, counts from Redis in one round
 * trip. It never asks reservation or its database; counts lag its truth by the stock event delay.
 */
export async function listSessions(
  deps: CatalogDeps,
  query: { eventId: string; pageSize: number; cursor: string; includeUnpublished: boolean },
): Promise<SessionPage> {
  const after = decodeCursor(query.cursor);
  const listing = isUuid(query.eventId) ? await deps.listings.load(query.eventId) : null;
  if (!listing || (!query.includeUnpublished && listing.event.status !== 'PUBLISHED'))
    throw new AppError('NOT_FOUND', 'event not found');

  const limit = pageLimit(query.pageSize);
  const start = after
    ? listing.sessions.findIndex(
        (s) =>
          s.startAt.getTime() > after.at.getTime() || (s.startAt.getTime() === after.at.getTime() && s.id > after.id),
      )
    : 0;
  const rows = start < 0 ? [] : listing.sessions.slice(start, start + limit + 1);
  const page = rows.slice(0, limit);
  const snapshots = await deps.stock.get(page.map((s) => s.id));
  const now = deps.now();
  const last = page[page.length - 1];
  return {
    items: page.map((session) => readSession(session, snapshots.get(session.id) ?? null, listing.event.status, now)),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.startAt, id: last.id }) : '',
  };
}
