import type { catalogV1 } from '@ticketing/contracts';
import { AppError } from '@ticketing/errors';
import type { CallContext } from '@ticketing/grpc-kit';
import { EVENT_STATUSES, type EventStatus } from '../domain/event-rules';
import type { SeatFacts } from '../domain/session-event';
import type { Actor } from '../app/deps';
import type { EventView } from '../app/event-view';
import type { SessionReading } from '../app/session-view';

export function toProtoEvent(event: EventView): catalogV1.Event {
  return {
    id: event.id,
    title: event.title,
    description: event.description,
    venue: event.venue,
    status: event.status,
    createdAt: event.createdAt.toISOString(),
    updatedAt: event.updatedAt.toISOString(),
  };
}

const money = (amountMinor: number, currency: string): catalogV1.Session['price'] => ({
  amountMinor: String(amountMinor),
  currency,
});

function toProtoSeat(seat: SeatFacts, currency: string): catalogV1.Seat {
  return {
    id: seat.id,
    label: seat.label,
    section: seat.section,
    price: seat.priceMinor === null ? null : money(seat.priceMinor, currency),
  };
}

export function toProtoSession({ session, remaining, status, seats }: SessionReading): catalogV1.Session {
  return {
    id: session.id,
    eventId: session.eventId,
    startAt: session.startAt.toISOString(),
    salesOpenAt: session.salesOpenAt.toISOString(),
    salesCloseAt: session.salesCloseAt.toISOString(),
    price: money(session.priceMinor, session.currency),
    totalStock: session.totalStock,
    queueEnabled: session.queueEnabled,
    admissionRatePerSec: session.admissionRatePerSec,
    maxQueueLength: session.maxQueueLength,
    seatingKind: session.seatingKind,
    seats: (seats ?? []).map((seat) => toProtoSeat(seat, session.currency)),
    remaining,
    salesStatus: status,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
  };
}

/** int64 arrives as a string; an absent price becomes NaN, which validation names as the field's problem. */
export function minorUnits(price: { amountMinor: string } | null | undefined): number {
  return price ? Number(price.amountMinor) : Number.NaN;
}

/** An enum value the contract knows but the request may not use (UNSPECIFIED) is a validation error. */
export function eventStatus(value: string, field = 'status'): EventStatus {
  if ((EVENT_STATUSES as readonly string[]).includes(value)) return value as EventStatus;
  throw new AppError('VALIDATION_FAILED', `${field}: must be one of ${EVENT_STATUSES.join(', ')}`, {
    errors: [{ field, message: `must be one of ${EVENT_STATUSES.join(', ')}` }],
  });
}

/** Admin-only methods run after bindService checked the role, so a principal is always there. */
export function actorOf(context: CallContext): Actor {
  return { subject: context.principal!.subject };
}

/**
 * include_unpublished is an admin's view. Public methods learn the caller from a valid token,
 * so this check cannot be bypassed by calling the service directly.
 */
export function canSeeUnpublished(requested: boolean, context: CallContext): boolean {
  if (!requested) return false;
  if (!context.principal) throw new AppError('UNAUTHENTICATED', 'include_unpublished needs an admin token');
  if (!context.principal.roles.includes('ADMIN')) throw new AppError('FORBIDDEN', 'only admins see unpublished events');
  return true;
}

export const isAdmin = (context: CallContext) => context.principal?.roles.includes('ADMIN') ?? false;
