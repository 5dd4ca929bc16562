import type { MikroORM } from '@mikro-orm/postgresql';
import type { EventStatus } from '../domain/event-rules';
import { EventRepository } from '../db/event.repository';
import { SessionRepository } from '../db/session.repository';
import { toSessionView, type SessionView } from './session-view';
import { TtlCache } from './ttl-cache';

export interface EventSessions {
  event: { id: string; title: string; venue: string; status: EventStatus };
  /** Ordered by start time, then id: the order pages are cut in. */
  sessions: SessionView[];
}

/**
 * The sessions of an event, from memory for up to `ttlMs` (at most a second): the listing is the
 * hottest read of an on-sale, and its rows change only when an admin edits them. Local writes drop
 * the entry at once; other replicas see an edit within the TTL. Counts are not cached here.
 */
export class SessionListings {
  private readonly cache: TtlCache<EventSessions | null>;

  constructor(
    private readonly orm: MikroORM,
    ttlMs: number,
  ) {
    this.cache = new TtlCache(Math.min(ttlMs, 1000));
  }

  load(eventId: string): Promise<EventSessions | null> {
    return this.cache.get(eventId, async () => {
      const em = this.orm.em.fork();
      const event = await new EventRepository(em).findById(eventId);
      if (!event) return null;
      const sessions = await new SessionRepository(em).listByEvent(eventId);
      return {
        event: { id: event.id, title: event.title, venue: event.venue, status: event.status },
        sessions: sessions.map(toSessionView),
      };
    });
  }

  invalidate(eventId: string): void {
    this.cache.delete(eventId);
  }
}
