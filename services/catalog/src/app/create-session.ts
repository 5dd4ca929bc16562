import { writeAudit } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { cleanSeatMap, type SeatDraft } from '../domain/seat-map';
import { SESSION_CREATED } from '../domain/session-event';
import {
  currencyViolations,
  priceViolations,
  queueViolations,
  resolveNewSessionTimes,
  totalStockViolations,
} from '../domain/session-rules';
import { assertValid, type Violation } from '../domain/violations';
import { EventRepository } from '../db/event.repository';
import { SessionEntity } from '../db/session.entity';
import { SessionRepository } from '../db/session.repository';
import type { Actor, CatalogDeps } from './deps';
import { isUuid } from '../domain/ids';
import { enqueueSessionState } from './session-events';
import { toSeatFacts, toSessionView, type SessionView } from './session-view';

export interface SeatCommand extends SeatDraft {
  /** The currency of the seat's own price, if it has one; it must be the session's. */
  priceCurrency?: string;
}

export interface CreateSessionCommand {
  eventId: string;
  startAt: string;
  salesOpenAt: string;
  salesCloseAt: string;
  priceMinor: number;
  currency: string;
  totalStock?: number;
  seats?: SeatCommand[];
  queueEnabled: boolean;
  admissionRatePerSec: number;
  maxQueueLength: number;
}

function seatingViolations(command: CreateSessionCommand, violations: Violation[]): SeatDraft[] | null {
  if (command.totalStock !== undefined && command.seats !== undefined) {
    violations.push({
      field: 'seats',
      message: 'send either totalStock (quantity seating) or seats (a seat map), not both',
    });
    return null;
  }
  if (command.seats !== undefined) {
    const { seats, violations: seatViolations } = cleanSeatMap(command.seats);
    violations.push(...seatViolations);
    command.seats.forEach((seat, index) => {
      if (seat.priceMinor !== null && seat.priceCurrency && seat.priceCurrency !== command.currency) {
        violations.push({
          field: `seats[${index}].price`,
          message: `must be in the session currency ${command.currency}`,
        });
      }
    });
    return seats;
  }
  if (command.totalStock === undefined)
    violations.push({ field: 'totalStock', message: 'send totalStock (quantity seating) or seats (a seat map)' });
  else totalStockViolations(command.totalStock, violations);
  return null;
}

export async function createSession(
  deps: CatalogDeps,
  actor: Actor,
  command: CreateSessionCommand,
): Promise<SessionView> {
  const violations: Violation[] = [];
  const window = resolveNewSessionTimes(command, deps.now(), violations);
  priceViolations('price', command.priceMinor, violations);
  currencyViolations(command.currency, violations);
  queueViolations(command, violations);
  const seats = seatingViolations(command, violations);
  assertValid(violations);

  const session = await deps.orm.em.fork().transactional(async (em) => {
    // A share lock: sessions may be added side by side, but not while the event is deleted or edited.
    const event = isUuid(command.eventId) ? await new EventRepository(em).lock(command.eventId, 'share') : null;
    if (!event) throw new AppError('NOT_FOUND', 'event not found');
    if (event.status === 'CANCELLED')
      throw new AppError('CONFLICT', 'the event is cancelled; it takes no new sessions');

    const created = Object.assign(new SessionEntity(), {
      ...window!,
      eventId: event.id,
      priceMinor: command.priceMinor,
      currency: command.currency,
      seatingKind: seats ? 'SEAT_MAP' : 'QUANTITY',
      totalStock: seats ? seats.length : command.totalStock!,
      queueEnabled: command.queueEnabled,
      admissionRatePerSec: command.admissionRatePerSec,
      maxQueueLength: command.maxQueueLength,
      createdAt: deps.now(),
      updatedAt: deps.now(),
    });
    em.persist(created);
    await em.flush();
    const seatRows = seats
      ? (await new SessionRepository(em).insertSeats(created.id, seats)).map(toSeatFacts)
      : undefined;
    await enqueueSessionState(em, SESSION_CREATED, created, event, deps.maxEventBytes, seatRows);
    await writeAudit(em, {
      actorId: actor.subject,
      action: 'session.created',
      targetType: 'session',
      targetId: created.id,
      meta: { eventId: event.id, seatingKind: created.seatingKind, totalStock: created.totalStock },
    });
    return toSessionView(created);
  });
  deps.listings.invalidate(session.eventId);
  deps.wakeOutboxRelay();
  return session;
}
