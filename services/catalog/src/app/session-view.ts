import type { EventStatus } from '../domain/event-rules';
import { salesStatus, type SalesStatus } from '../domain/sales-status';
import type { SeatFacts, SessionFacts } from '../domain/session-event';
import { remainingOf, type StockSnapshot } from '../domain/stock';
import type { SeatEntity } from '../db/seat.entity';
import type { SessionEntity } from '../db/session.entity';

/** A session as plain data: safe to cache and share between calls, unlike a managed entity. */
export interface SessionView extends SessionFacts {
  createdAt: Date;
  updatedAt: Date;
}

export interface SessionReading {
  session: SessionView;
  remaining: number;
  status: SalesStatus;
  /** Only when asked for one session of a seat map. */
  seats?: SeatFacts[];
}

export function toSessionView(entity: SessionEntity): SessionView {
  return {
    id: entity.id,
    eventId: entity.eventId,
    startAt: entity.startAt,
    salesOpenAt: entity.salesOpenAt,
    salesCloseAt: entity.salesCloseAt,
    priceMinor: entity.priceMinor,
    currency: entity.currency,
    seatingKind: entity.seatingKind,
    totalStock: entity.totalStock,
    queueEnabled: entity.queueEnabled,
    admissionRatePerSec: entity.admissionRatePerSec,
    maxQueueLength: entity.maxQueueLength,
    version: entity.version,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

export function toSeatFacts(seat: SeatEntity): SeatFacts {
  return { id: seat.id, label: seat.label, section: seat.section, priceMinor: seat.priceMinor };
}

/** Adds what changes by the second: the remaining count and the sales status. */
export function readSession(
  session: SessionView,
  snapshot: StockSnapshot | null,
  eventStatus: EventStatus,
  now: Date,
  seats?: SeatFacts[],
): SessionReading {
  const remaining = remainingOf(session.totalStock, snapshot);
  const status = salesStatus({ ...session, remaining, eventCancelled: eventStatus === 'CANCELLED' }, now);
  return { session, remaining, status, ...(seats ? { seats } : {}) };
}
