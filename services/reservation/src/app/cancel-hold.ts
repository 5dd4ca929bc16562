import { runTogether, Sql, writeAudit } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { enqueueEvents } from '@ticketing/nats-kit';
import { cancelRefusal } from '../domain/cancellation';
import { isUuid } from '../domain/hold-rules';
import { answerFor, cancelFingerprint, idempotencyKeyRefusal, keyReused, type Keyed } from '../domain/idempotency';
import type { Refusal } from '../domain/refusal';
import { returnSold } from '../domain/stock-counters';
import { HoldRepository, type HoldRow } from '../db/hold.repository';
import { IdempotencyRepository } from '../db/idempotency.repository';
import { SeatRepository } from '../db/seat.repository';
import { StockRepository, type StockRow } from '../db/stock.repository';
import { TicketRepository } from '../db/ticket.repository';
import type { ReservationDeps } from './deps';
import { toHoldView, type HoldView } from './hold-view';
import { HOLD_CANCELLED, holdEvent, refundRequested, stockChanged } from './reservation-events';
import { toTicketView } from './ticket-view';

export interface CancelCommand {
  holdId: string;
  idempotencyKey: string;
  /** The buyer's words, kept in the audit row only. */
  reason: string;
}

const toAppError = (refusal: Refusal) => new AppError(refusal.code, refusal.message, refusal.details);
const notFound = () => new AppError('NOT_FOUND', 'hold not found');

/**
 * The owner cancels a purchase before the cut-off: in one transaction its tickets and the hold
 * become CANCELLED, its tickets go back on sale, and payment is asked to refund it. Retries with
 * the same Idempotency-Key get the first answer; refusals are not kept (they repeat by themselves).
 */
export async function cancelHold(deps: ReservationDeps, callerId: string, command: CancelCommand): Promise<HoldView> {
  const keyRefusal = idempotencyKeyRefusal(command.idempotencyKey);
  if (keyRefusal) throw toAppError(keyRefusal);
  if (!isUuid(command.holdId)) throw notFound();
  const now = deps.now();
  const claim = { userId: callerId, key: command.idempotencyKey, fingerprint: cancelFingerprint(command.holdId) };
  const answer = await deps.orm.em.fork().transactional(async (em) => {
    const sql = new Sql(em);
    const holds = new HoldRepository(sql);
    // Read without a lock only to learn the session: the stock row must be locked before the key and the hold.
    const seen = await holds.findById(command.holdId);
    if (!seen || seen.userId !== callerId) throw notFound();
    const stock = (await new StockRepository(sql).lock(seen.sessionId))!;
    const keys = new IdempotencyRepository(sql);
    if (!(await keys.claim(claim, now))) return { replayed: true, hold: await replay(keys, claim) };
    const hold = await holds.lockById(command.holdId);
    const refusal = cancelRefusal(hold, callerId, stock.startAt, deps.cancellationCutoffHours, now);
    if (refusal) throw toAppError(refusal);
    await cancel(sql, stock, hold!, callerId, command, now);
    const tickets = await new TicketRepository(sql).ofHolds([hold!.id]);
    const view = toHoldView(
      { ...hold!, status: 'CANCELLED', updatedAt: now },
      seen.event,
      tickets.map((t) => toTicketView(t, deps.ticketQr)),
    );
    await runTogether(sql, [IdempotencyRepository.saveAnswers([{ ...claim, response: view }])]);
    return { replayed: false, hold: view };
  });
  if (!answer.replayed) deps.wakeOutboxRelay();
  return answer.hold;
}

async function replay(keys: IdempotencyRepository, claim: Keyed & { fingerprint: string }): Promise<HoldView> {
  const stored = (await keys.stored([claim])).values().next().value;
  if (!stored || answerFor(claim.fingerprint, stored.fingerprint) === 'reused') throw toAppError(keyReused());
  return stored.response as HoldView;
}

async function cancel(sql: Sql, stock: StockRow, hold: HoldRow, callerId: string, command: CancelCommand, now: Date) {
  await new TicketRepository(sql).cancelOfHold(hold.id, now);
  await new HoldRepository(sql).setStatus([hold.id], 'CANCELLED', now);
  await new SeatRepository(sql).release([hold.id]);
  const counters = returnSold(stock.counters, hold.quantity);
  const version = await new StockRepository(sql).saveCounters(stock.sessionId, counters, now);
  await enqueueEvents(sql, [
    holdEvent(HOLD_CANCELLED, { ...hold, status: 'CANCELLED', updatedAt: now }),
    stockChanged(stock.sessionId, version, counters),
    refundRequested(hold.id, hold.paymentId, 'CANCELLED'),
  ]);
  await writeAudit(sql, [
    {
      actorId: callerId,
      action: 'hold.cancelled',
      targetType: 'hold',
      targetId: hold.id,
      meta: {
        sessionId: stock.sessionId,
        quantity: hold.quantity,
        paymentId: hold.paymentId,
        reason: command.reason.slice(0, 200),
        idempotencyKey: command.idempotencyKey,
      },
    },
  ]);
}
