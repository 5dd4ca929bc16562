import { randomUUID } from 'node:crypto';
import { auditStatement, NOTHING, runTogether, Sql, writeAudit, type AuditEntry } from '@ticketing/db';
import { outboxStatement } from '@ticketing/nats-kit';
import { HoldLedger } from '../domain/hold-ledger';
import { holdExpiry } from '../domain/hold-rules';
import { answerFor, groupByKey, keptUnderKey, keyReused, type Selection } from '../domain/idempotency';
import { queueRefusal, type QueuePass } from '../domain/queue-admission';
import { refuse, type Refusal } from '../domain/refusal';
import { HoldRepository, type NewHold } from '../db/hold.repository';
import { IdempotencyRepository, keyId, type StoredAnswer } from '../db/idempotency.repository';
import { SeatRepository } from '../db/seat.repository';
import { StockRepository, type StockRow } from '../db/stock.repository';
import type { ReservationDeps } from './deps';
import { toHoldView, type HoldView } from './hold-view';
import { HOLD_CREATED, holdEvent, stockChanged } from './reservation-events';

/** One validated hold request waiting for its session's next transaction. */
export interface PendingHold {
  userId: string;
  sessionId: string;
  key: string;
  fingerprint: string;
  selection: Selection;
  /** Tickets asked for: the quantity or the number of seats. */
  tickets: number;
  /** The request's waiting-room token as read before the batch; used only if the session has the queue on. */
  queue: QueuePass;
}

export type HoldOutcome = ({ ok: true; hold: HoldView } | { ok: false; refusal: Refusal }) & { replayed: boolean };

type Answer = { ok: true; hold: HoldView } | { ok: false; refusal: Refusal };

/** What an idempotency key stores: the answer, replayed as it was to a retry. */
function storedResponse(answer: Answer): unknown {
  return answer.ok ? { hold: answer.hold } : { error: answer.refusal };
}

function fromStored(stored: StoredAnswer): Answer {
  const response = stored.response as { hold?: HoldView; error?: Refusal } | null;
  if (response?.hold) return { ok: true, hold: response.hold };
  if (response?.error) return { ok: false, refusal: response.error };
  // A claimed key always gets its answer in the same transaction; anything else is a bug, not a client error.
  throw new Error('an idempotency key has no stored answer');
}

/**
 * Applies one batch of hold requests for one session in one transaction, in arrival order:
 * lock the stock row, claim the idempotency keys and read each user's tickets (one round trip),
 * decide each new request (for a queued session, its admission first, from memory) against what
 * the earlier ones left, seats by a conditional update under a savepoint each, then write the
 * holds, the counters (once), the keys' answers (a NOT_ADMITTED gives its key back), the outbox
 * events and the audit rows in one statement. Round trips are what a hot row waits for,
 * so there are five whatever the batch size (plus one per seat request, and one to read stored
 * answers when a key comes back). Anything unexpected throws and nothing of the batch is kept.
 */
export async function applyHoldBatch(
  deps: ReservationDeps,
  sessionId: string,
  batch: readonly PendingHold[],
): Promise<HoldOutcome[]> {
  const now = deps.now();
  const outcomes = await deps.orm.em
    .fork()
    .transactional((em) => decideBatch(new Sql(em), deps, sessionId, batch, now));
  deps.wakeOutboxRelay();
  return outcomes;
}

async function decideBatch(
  sql: Sql,
  deps: Pick<ReservationDeps, 'holdTtlSec' | 'admission'>,
  sessionId: string,
  batch: readonly PendingHold[],
  now: Date,
): Promise<HoldOutcome[]> {
  const stock = await new StockRepository(sql).lock(sessionId);
  if (!stock || stock.deletedAt) {
    // Not remembered under the key: catalog's event may simply not have arrived yet.
    const outcomes = batch.map((): HoldOutcome => ({
      ok: false,
      refusal: refuse('NOT_FOUND', 'session not found'),
      replayed: false,
    }));
    await writeAudit(
      sql,
      batch.map((request, i) => auditOf(request, outcomes[i]!, batch.length)),
    );
    return outcomes;
  }

  const groups = groupByKey(batch);
  const leaders = groups.map((group) => batch[group[0]!]!);
  const keys = new IdempotencyRepository(sql);
  const { claimed, usage } = await keys.claimAndReadUsage(sessionId, leaders, now);
  const isFresh = (request: PendingHold) => claimed.has(keyId(request.userId, request.key));
  const stored = leaders.every(isFresh)
    ? new Map<string, StoredAnswer>()
    : await keys.stored(leaders.filter((l) => !isFresh(l)));

  const ledger = new HoldLedger(stock.counters, usage);
  const created: NewHold[] = [];
  const outcomes: HoldOutcome[] = new Array(batch.length);
  const answers: Array<{ userId: string; key: string; response: unknown }> = [];
  const released: PendingHold[] = [];

  for (const group of groups) {
    const leader = batch[group[0]!]!;
    let first: { fingerprint: string; answer: Answer; fresh: boolean };
    if (isFresh(leader)) {
      // The waiting room first: a buyer not admitted learns nothing else of the session.
      const notAdmitted = stock.queueEnabled
        ? queueRefusal(leader.queue, deps.admission.stepsOf(sessionId), now)
        : null;
      const answer: Answer = notAdmitted
        ? { ok: false, refusal: notAdmitted }
        : await decideOne(sql, ledger, stock, leader, now, deps.holdTtlSec, created);
      if (keptUnderKey(answer))
        answers.push({ userId: leader.userId, key: leader.key, response: storedResponse(answer) });
      else released.push(leader);
      first = { fingerprint: leader.fingerprint, answer, fresh: true };
    } else {
      const previous = stored.get(keyId(leader.userId, leader.key));
      if (!previous) throw new Error('an idempotency key vanished while claimed');
      first = { fingerprint: previous.fingerprint, answer: fromStored(previous), fresh: false };
    }
    group.forEach((index, position) => {
      const request = batch[index]!;
      if (answerFor(request.fingerprint, first.fingerprint) === 'reused') {
        outcomes[index] = { ok: false, refusal: keyReused(), replayed: false };
      } else {
        outcomes[index] = { ...first.answer, replayed: !(first.fresh && position === 0) };
      }
    });
  }

  const events = created.map((hold) => holdEvent(HOLD_CREATED, hold));
  // Under the lock the next version is known, so the counters go out with the other writes.
  const version = stock.version + 1;
  if (ledger.taken > 0) events.push(stockChanged(sessionId, version, ledger.counters));
  await runTogether(sql, [
    HoldRepository.insertMany(created),
    ledger.taken > 0 ? StockRepository.saveCountersAs(sessionId, ledger.counters, version, now) : NOTHING,
    IdempotencyRepository.saveAnswers(answers),
    IdempotencyRepository.releaseClaims(released),
    outboxStatement(events),
    auditStatement(batch.map((request, i) => auditOf(request, outcomes[i]!, batch.length))),
  ]);
  return outcomes;
}

/** One new request: the rules against the ledger, then (for seats) the conditional update under a savepoint. */
async function decideOne(
  sql: Sql,
  ledger: HoldLedger,
  stock: StockRow,
  request: PendingHold,
  now: Date,
  ttlSec: number,
  created: NewHold[],
): Promise<Answer> {
  const ask = { userId: request.userId, quantity: request.tickets, selection: request.selection.kind };
  const refusal = ledger.refusal(ask, stock, now);
  if (refusal) return { ok: false, refusal };

  const holdId = randomUUID();
  let seatIds: string[] = [];
  let seatLabels: string[] = [];
  let priceMinor = stock.priceMinor * request.tickets;
  if (request.selection.kind === 'SEATS') {
    const wanted = request.selection.seatIds;
    const seats = new SeatRepository(sql);
    await sql.run('savepoint seat_hold');
    const taken = await seats.take(stock.sessionId, wanted, holdId);
    if (taken.length !== wanted.length) {
      await sql.run('rollback to savepoint seat_hold');
      return { ok: false, refusal: await seatRefusal(seats, stock.sessionId, wanted) };
    }
    await sql.run('release savepoint seat_hold');
    const byId = new Map(taken.map((s) => [s.id, s]));
    seatIds = [...wanted];
    seatLabels = wanted.map((id) => byId.get(id)!.label);
    priceMinor = taken.reduce((sum, s) => sum + s.priceMinor, 0);
  }

  ledger.take(ask);
  const hold: NewHold = {
    id: holdId,
    sessionId: stock.sessionId,
    userId: request.userId,
    quantity: request.tickets,
    seatIds,
    seatLabels,
    status: 'ACTIVE',
    expiresAt: holdExpiry(now, ttlSec),
    priceMinor,
    currency: stock.currency,
    createdAt: now,
    updatedAt: now,
  };
  created.push(hold);
  return {
    ok: true,
    hold: toHoldView(hold, {
      eventId: stock.eventId,
      title: stock.eventTitle,
      startAt: stock.startAt,
      venue: stock.venue,
    }),
  };
}

async function seatRefusal(seats: SeatRepository, sessionId: string, wanted: readonly string[]): Promise<Refusal> {
  const found = await seats.describe(sessionId, wanted);
  const known = new Set(found.map((s) => s.id));
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0)
    return refuse('INVALID_ARGUMENT', 'some seats are not in this session', {
      field: 'seatIds',
      unknownSeatIds: unknown,
    });
  const taken = found.filter((s) => s.status !== 'AVAILABLE');
  return refuse('SEAT_UNAVAILABLE', `taken: ${taken.map((s) => s.label).join(', ')}`, {
    seatIds: taken.map((s) => s.id),
    seatLabels: taken.map((s) => s.label),
  });
}

export function auditOf(request: PendingHold, outcome: HoldOutcome, batchSize: number): AuditEntry<'hold' | 'session'> {
  const meta = {
    sessionId: request.sessionId,
    quantity: request.tickets,
    ...(request.selection.kind === 'SEATS' ? { seatIds: request.selection.seatIds } : {}),
    idempotencyKey: request.key,
    outcome: outcome.ok ? 'OK' : outcome.refusal.code,
    ...(!outcome.ok && outcome.refusal.code === 'NOT_ADMITTED' ? { reason: outcome.refusal.details.reason } : {}),
    replayed: outcome.replayed,
    batchSize,
  };
  if (outcome.ok) {
    return {
      actorId: request.userId,
      action: outcome.replayed ? 'hold.replayed' : 'hold.created',
      targetType: 'hold',
      targetId: outcome.hold.holdId,
      meta,
    };
  }
  return {
    actorId: request.userId,
    action: outcome.replayed ? 'hold.replayed' : 'hold.rejected',
    targetType: 'session',
    targetId: request.sessionId,
    meta,
  };
}
