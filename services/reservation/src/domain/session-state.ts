import { isUuid, type EventStatus, type SeatingKind } from './hold-rules';
import { changeTotal, type StockCounters } from './stock-counters';

export interface SeatFacts {
  id: string;
  label: string;
  section: string;
  priceMinor: number;
}

/** A session as catalog announces it (`catalog.session.created/updated`): its whole state, not a diff. */
export interface SessionState {
  sessionId: string;
  eventId: string;
  eventTitle: string;
  venue: string;
  eventStatus: EventStatus;
  startAt: Date;
  salesOpenAt: Date;
  salesCloseAt: Date;
  seatingKind: SeatingKind;
  totalStock: number;
  seats: SeatFacts[] | null;
  priceMinor: number;
  currency: string;
  queueEnabled: boolean;
  version: number;
}

type Parsed<T> = T | { problem: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const count = (value: unknown, min = 0) => Number.isSafeInteger(value) && (value as number) >= min;
const text = (value: unknown) => typeof value === 'string' && value.length > 0;
const instant = (value: unknown) =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : null;

function parseSeats(raw: unknown): SeatFacts[] | null {
  if (!Array.isArray(raw)) return null;
  const seats = raw.map((s: unknown) =>
    isRecord(s) && typeof s.id === 'string' && isUuid(s.id) && text(s.label) && count(s.priceMinor)
      ? {
          id: s.id,
          label: s.label as string,
          section: typeof s.section === 'string' ? s.section : '',
          priceMinor: s.priceMinor as number,
        }
      : null,
  );
  return seats.every((s) => s !== null) ? seats : null;
}

/** Events come from another service: whatever cannot be a session is named, never half-applied. */
export function parseSessionState(payload: unknown): Parsed<{ state: SessionState }> {
  if (!isRecord(payload)) return { problem: 'payload is not an object' };
  const p = payload;
  const [startAt, salesOpenAt, salesCloseAt] = [instant(p.startAt), instant(p.salesOpenAt), instant(p.salesCloseAt)];
  const checks: Array<[boolean, string]> = [
    [typeof p.sessionId === 'string' && isUuid(p.sessionId), 'sessionId'],
    [typeof p.eventId === 'string' && isUuid(p.eventId), 'eventId'],
    [text(p.eventTitle), 'eventTitle'],
    [typeof p.venue === 'string', 'venue'],
    [
      p.eventStatus === undefined || ['DRAFT', 'PUBLISHED', 'CANCELLED'].includes(p.eventStatus as string),
      'eventStatus',
    ],
    [startAt !== null && salesOpenAt !== null && salesCloseAt !== null, 'startAt/salesOpenAt/salesCloseAt'],
    [p.seatingKind === 'QUANTITY' || p.seatingKind === 'SEAT_MAP', 'seatingKind'],
    [count(p.totalStock), 'totalStock'],
    [count(p.priceMinor), 'priceMinor'],
    [typeof p.currency === 'string' && /^[A-Z]{3}$/.test(p.currency), 'currency'],
    [count(p.version, 1), 'version'],
  ];
  const bad = checks.filter(([ok]) => !ok).map(([, field]) => field);
  if (bad.length > 0) return { problem: `unusable fields: ${bad.join(', ')}` };
  let seats: SeatFacts[] | null = null;
  if (p.seatingKind === 'SEAT_MAP') {
    seats = parseSeats(p.seats);
    if (!seats || seats.length !== p.totalStock)
      return { problem: 'seats must list every seat of a SEAT_MAP session (one per ticket)' };
  }
  return {
    state: {
      sessionId: p.sessionId as string,
      eventId: p.eventId as string,
      eventTitle: p.eventTitle as string,
      venue: p.venue as string,
      eventStatus: (p.eventStatus as EventStatus | undefined) ?? 'PUBLISHED',
      startAt: startAt!,
      salesOpenAt: salesOpenAt!,
      salesCloseAt: salesCloseAt!,
      seatingKind: p.seatingKind as SeatingKind,
      totalStock: p.totalStock as number,
      seats,
      priceMinor: p.priceMinor as number,
      currency: p.currency as string,
      queueEnabled: p.queueEnabled === true,
      version: p.version as number,
    },
  };
}

export function parseSessionDeleted(payload: unknown): Parsed<{ deleted: { sessionId: string; version: number } }> {
  if (
    !isRecord(payload) ||
    typeof payload.sessionId !== 'string' ||
    !isUuid(payload.sessionId) ||
    !count(payload.version, 1)
  ) {
    return { problem: 'a deleted session needs sessionId and version' };
  }
  return { deleted: { sessionId: payload.sessionId, version: payload.version as number } };
}

export type StockPlan =
  | { kind: 'create'; counters: StockCounters }
  | { kind: 'stale' }
  | { kind: 'update'; counters: StockCounters; totalChanged: boolean; totalRefused?: string };

/**
 * What a session event does to the stock: the first creates it with every ticket available;
 * one not newer than what was applied changes nothing (redelivery, reordering); a newer one
 * moves `available` by the change of total, unless that would take back held or sold tickets.
 */
export function planStock(
  current: { catalogVersion: number; counters: StockCounters } | null,
  total: number,
  version: number,
): StockPlan {
  if (!current) return { kind: 'create', counters: { total, available: total, held: 0, sold: 0 } };
  if (version <= current.catalogVersion) return { kind: 'stale' };
  if (total === current.counters.total) return { kind: 'update', counters: current.counters, totalChanged: false };
  const changed = changeTotal(current.counters, total);
  if ('refused' in changed)
    return { kind: 'update', counters: current.counters, totalChanged: false, totalRefused: changed.refused };
  return { kind: 'update', counters: changed.counters, totalChanged: true };
}
