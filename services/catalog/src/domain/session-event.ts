import type { EventStatus } from './event-rules';
import type { SeatingKind } from './session-rules';

export const SESSION_CREATED = 'catalog.session.created';
export const SESSION_UPDATED = 'catalog.session.updated';
export const SESSION_DELETED = 'catalog.session.deleted';

export interface SessionFacts {
  id: string;
  eventId: string;
  startAt: Date;
  salesOpenAt: Date;
  salesCloseAt: Date;
  priceMinor: number;
  currency: string;
  seatingKind: SeatingKind;
  totalStock: number;
  queueEnabled: boolean;
  admissionRatePerSec: number;
  maxQueueLength: number;
  version: number;
}

export interface SeatFacts {
  id: string;
  label: string;
  section: string;
  priceMinor: number | null;
}

/**
 * The whole state of a session, not a diff: reservation builds its stock and seats from any one
 * of these and drops those whose `version` is not newer than what it has. Seat prices are the
 * effective ones, so a consumer never needs the fallback rule.
 */
export function sessionEventPayload(
  session: SessionFacts,
  event: { title: string; venue: string; status: EventStatus },
  seats: SeatFacts[] | null,
) {
  return {
    sessionId: session.id,
    eventId: session.eventId,
    eventTitle: event.title,
    venue: event.venue,
    eventStatus: event.status,
    startAt: session.startAt.toISOString(),
    salesOpenAt: session.salesOpenAt.toISOString(),
    salesCloseAt: session.salesCloseAt.toISOString(),
    seatingKind: session.seatingKind,
    totalStock: session.totalStock,
    ...(seats
      ? {
          seats: seats.map((s) => ({
            id: s.id,
            label: s.label,
            section: s.section,
            priceMinor: s.priceMinor ?? session.priceMinor,
          })),
        }
      : {}),
    priceMinor: session.priceMinor,
    currency: session.currency,
    queueEnabled: session.queueEnabled,
    admissionRatePerSec: session.admissionRatePerSec,
    maxQueueLength: session.maxQueueLength,
    version: session.version,
  };
}

export type SessionEventPayload = ReturnType<typeof sessionEventPayload>;

/** Size on the wire before the envelope: NATS refuses messages over its max_payload (1 MiB by default). */
export function payloadBytes(payload: object): number {
  return Buffer.byteLength(JSON.stringify(payload), 'utf8');
}
