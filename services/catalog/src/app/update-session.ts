import { writeAudit } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { SESSION_UPDATED } from '../domain/session-event';
import { priceViolations, queueViolations, salesWindowViolations, totalStockViolations } from '../domain/session-rules';
import { totalStockConflict } from '../domain/stock';
import { assertValid, parseInstant, type Violation } from '../domain/violations';
import { EventRepository } from '../db/event.repository';
import type { SessionEntity } from '../db/session.entity';
import { SessionRepository } from '../db/session.repository';
import type { Actor, CatalogDeps } from './deps';
import { isUuid } from '../domain/ids';
import { enqueueSessionState } from './session-events';
import { toSessionView, type SessionView } from './session-view';

/** Absent fields stay as they are. */
export interface UpdateSessionCommand {
  sessionId: string;
  startAt?: string;
  salesOpenAt?: string;
  salesCloseAt?: string;
  priceMinor?: number;
  /** The currency sent with the price; empty means the session's own. */
  priceCurrency?: string;
  totalStock?: number;
  queueEnabled?: boolean;
  admissionRatePerSec?: number;
  maxQueueLength?: number;
}

type Changes = Partial<
  Pick<
    SessionEntity,
    | 'startAt'
    | 'salesOpenAt'
    | 'salesCloseAt'
    | 'priceMinor'
    | 'totalStock'
    | 'queueEnabled'
    | 'admissionRatePerSec'
    | 'maxQueueLength'
  >
>;

function parseChanges(command: UpdateSessionCommand, violations: Violation[]): Changes {
  const changes: Changes = {};
  for (const field of ['startAt', 'salesOpenAt', 'salesCloseAt'] as const) {
    const raw = command[field];
    if (raw !== undefined) changes[field] = parseInstant(field, raw, violations);
  }
  if (command.priceMinor !== undefined) priceViolations('price', (changes.priceMinor = command.priceMinor), violations);
  if (command.totalStock !== undefined) totalStockViolations((changes.totalStock = command.totalStock), violations);
  if (command.queueEnabled !== undefined) changes.queueEnabled = command.queueEnabled;
  if (command.admissionRatePerSec !== undefined) changes.admissionRatePerSec = command.admissionRatePerSec;
  if (command.maxQueueLength !== undefined) changes.maxQueueLength = command.maxQueueLength;
  queueViolations(
    { admissionRatePerSec: command.admissionRatePerSec ?? 0, maxQueueLength: command.maxQueueLength ?? 0 },
    violations,
  );
  return changes;
}

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

export async function updateSession(
  deps: CatalogDeps,
  actor: Actor,
  command: UpdateSessionCommand,
): Promise<SessionView> {
  const violations: Violation[] = [];
  const changes = parseChanges(command, violations);
  assertValid(violations);

  const session = await deps.orm.em.fork().transactional(async (em) => {
    const found = isUuid(command.sessionId) ? await new SessionRepository(em).lock(command.sessionId) : null;
    if (!found) throw new AppError('NOT_FOUND', 'session not found');
    const event = (await new EventRepository(em).findById(found.eventId))!;
    if (event.status === 'CANCELLED')
      throw new AppError('CONFLICT', 'the event is cancelled; its sessions cannot change');
    // Tickets already paid in one currency cannot be re-priced in another.
    if (command.priceCurrency && command.priceCurrency !== found.currency) {
      throw new AppError('CONFLICT', `the currency of a session is fixed (${found.currency})`, { field: 'price' });
    }
    if (
      changes.totalStock !== undefined &&
      found.seatingKind === 'SEAT_MAP' &&
      changes.totalStock !== found.totalStock
    ) {
      throw new AppError('CONFLICT', 'a seat map is fixed once created; its stock is its seats', {
        field: 'totalStock',
      });
    }

    const changed = (Object.keys(changes) as Array<keyof Changes>).filter((key) => !same(changes[key], found[key]));
    if (changed.length === 0) return toSessionView(found);
    const next = { ...found, ...changes };
    if (changes.startAt && !same(changes.startAt, found.startAt) && changes.startAt.getTime() <= deps.now().getTime()) {
      assertValid([{ field: 'startAt', message: 'must be in the future' }]);
    }
    assertValid(salesWindowViolations(next));
    if (changes.totalStock !== undefined && changes.totalStock < found.totalStock) {
      const snapshot = (await deps.stock.get([found.id])).get(found.id) ?? null;
      const conflict = totalStockConflict(changes.totalStock, snapshot);
      if (conflict) throw new AppError('CONFLICT', conflict, { field: 'totalStock' });
    }

    const before = Object.fromEntries(changed.map((key) => [key, found[key]]));
    Object.assign(found, changes, { version: found.version + 1, updatedAt: deps.now() });
    await em.flush();
    await enqueueSessionState(em, SESSION_UPDATED, found, event, deps.maxEventBytes);
    await writeAudit(em, {
      actorId: actor.subject,
      action: 'session.updated',
      targetType: 'session',
      targetId: found.id,
      meta: { changed, before, version: found.version },
    });
    return toSessionView(found);
  });
  deps.listings.invalidate(session.eventId);
  deps.wakeOutboxRelay();
  return session;
}
