import type { EntityManager } from '@mikro-orm/postgresql';
import { Sql, writeAudit } from '@ticketing/db';
import type { Logger } from '@ticketing/logger';
import { enqueueEvents, inEventTrace } from '@ticketing/nats-kit';
import { paymentSuccessDecision, releasesOnPaymentFailure } from '../domain/hold-transitions';
import { lateSaleRefusal } from '../domain/late-sale';
import { paidAmountDiffers, parsePaymentOutcome, type PaymentOutcome } from '../domain/payment-outcome';
import { HoldRepository, type HoldRow } from '../db/hold.repository';
import { SeatRepository } from '../db/seat.repository';
import { StockRepository, type StockRow } from '../db/stock.repository';
import { refundRequested } from './reservation-events';
import { returnHolds } from './return-holds';
import { sellHeldHolds, sellHold } from './sell-hold';

export const PAYMENT_SUCCEEDED = 'payment.succeeded';
export const PAYMENT_FAILED = 'payment.failed';

export type PaymentEventResult = 'sold' | 'sold-late' | 'refund-requested' | 'released' | 'unchanged' | 'skipped';

/** Tickets sold by the events applied so far: counted by the caller only once their transaction commits. */
export interface SaleTally {
  tickets: number;
}

/**
 * Applies payment's outcome to its hold in the consumer's transaction (with its inbox row, so a
 * redelivered event is never applied twice). Lock order as everywhere: the stock row, then the
 * hold. Money taken is never left without tickets or a refund request: a success that cannot be
 * honoured writes `reservation.refund.requested` in the same transaction.
 */
export async function applyPaymentEvent(
  em: EntityManager,
  type: string,
  payload: unknown,
  now: Date,
  logger: Logger,
  sold: SaleTally = { tickets: 0 },
): Promise<PaymentEventResult> {
  if (type !== PAYMENT_SUCCEEDED && type !== PAYMENT_FAILED) return 'skipped';
  const parsed = parsePaymentOutcome(payload);
  if ('problem' in parsed) {
    logger.error({ type, problem: parsed.problem }, 'payment event skipped: unusable payload');
    return 'skipped';
  }
  const outcome = parsed.outcome;
  const sql = new Sql(em);
  const holds = new HoldRepository(sql);
  // Read without a lock only to learn the session: the stock row must be locked before the hold.
  const seen = await holds.findById(outcome.holdId);
  if (!seen) {
    if (type === PAYMENT_FAILED) return 'skipped';
    logger.error({ ...outcome }, 'payment succeeded for a hold this service does not know; refund requested');
    return refuse(sql, null, outcome, 'UNKNOWN_HOLD');
  }
  const stock = (await new StockRepository(sql).lock(seen.sessionId))!;
  const hold = (await holds.lockById(outcome.holdId))!;
  if (type === PAYMENT_FAILED) {
    if (!releasesOnPaymentFailure(hold)) return 'unchanged';
    await returnHolds(sql, stock, [hold], 'RELEASED', null, now, 'PAYMENT_FAILED');
    return 'released';
  }
  return applySuccess(sql, stock, hold, outcome, now, sold);
}

async function applySuccess(
  sql: Sql,
  stock: StockRow,
  hold: HoldRow,
  outcome: PaymentOutcome,
  now: Date,
  sold: SaleTally,
): Promise<PaymentEventResult> {
  const decision = paymentSuccessDecision(hold, outcome.paymentId);
  if (decision === 'already-applied') return 'unchanged';
  if (decision === 'refund') return refuse(sql, hold, outcome, 'BOUGHT_BY_ANOTHER_PAYMENT');
  if (paidAmountDiffers(outcome.paid, hold)) return refuse(sql, hold, outcome, 'AMOUNT_MISMATCH');
  const sale = { paymentId: outcome.paymentId, actorId: null };
  if (decision === 'sell-held') {
    await sellHold(sql, stock, hold, { ...sale, from: 'held' }, now);
    sold.tickets += hold.quantity;
    return 'sold';
  }
  const refusal = lateSaleRefusal(
    {
      eventStatus: stock.eventStatus,
      startAt: stock.startAt,
      withdrawn: stock.deletedAt !== null,
      available: stock.counters.available,
      alreadyTaken: await new HoldRepository(sql).ticketsTakenBy(hold.sessionId, hold.userId),
      quantity: hold.quantity,
    },
    now,
  );
  if (refusal) return refuse(sql, hold, outcome, refusal.code);
  if (hold.seatIds.length > 0 && !(await new SeatRepository(sql).sellIfAllFree(stock.sessionId, hold.seatIds, hold.id)))
    return refuse(sql, hold, outcome, 'SEAT_UNAVAILABLE');
  await sellHold(sql, stock, hold, { ...sale, from: 'available' }, now);
  sold.tickets += hold.quantity;
  return 'sold-late';
}

/** What the batch consumer hands over: an event's type and payload. */
export interface PaymentEvent {
  id: string;
  type: string;
  payload: unknown;
  /** The checkout's trace, carried by the event: the sale's own events continue it. */
  traceparent?: string;
}

/**
 * A burst of payment events in one transaction, in stream order, each with the result
 * `applyPaymentEvent` would give. The common case, a success for an ACTIVE hold at its price, is
 * gathered: the burst's holds are locked in two statements (their sessions' stock rows first) and
 * the leading run of such sales is written in one more (`sellHeldHolds`). From the first event
 * that is anything else, the rest go one by one through `applyPaymentEvent`, after the gathered
 * sales are written, so each sees what the events before it did.
 */
export async function applyPaymentEvents(
  em: EntityManager,
  events: readonly PaymentEvent[],
  now: Date,
  logger: Logger,
  sold: SaleTally = { tickets: 0 },
): Promise<PaymentEventResult[]> {
  const sql = new Sql(em);
  const outcomes = events.map((e) => (e.type === PAYMENT_SUCCEEDED ? parsePaymentOutcome(e.payload) : null));
  const holdIds = [...new Set(outcomes.flatMap((o) => (o && 'outcome' in o ? [o.outcome.holdId] : [])))];
  const results: PaymentEventResult[] = [];
  if (holdIds.length > 1) {
    const holdRepository = new HoldRepository(sql);
    const stocks = new Map(
      (await new StockRepository(sql).lockMany(await holdRepository.sessionsOf(holdIds))).map((s) => [s.sessionId, s]),
    );
    const holds = new Map((await holdRepository.lockByIds(holdIds)).map((h) => [h.id, h]));
    const sales: Array<{ hold: HoldRow; paymentId: string; traceparent?: string }> = [];
    for (const [i, parsed] of outcomes.entries()) {
      const outcome = parsed && 'outcome' in parsed ? parsed.outcome : null;
      const hold = outcome ? holds.get(outcome.holdId) : undefined;
      if (!outcome || !hold || !stocks.has(hold.sessionId)) break;
      if (paymentSuccessDecision(hold, outcome.paymentId) !== 'sell-held' || paidAmountDiffers(outcome.paid, hold))
        break;
      sales.push({ hold, paymentId: outcome.paymentId, traceparent: events[i]!.traceparent });
      // A second success for this hold later in the burst must find it sold.
      holds.set(hold.id, { ...hold, status: 'SOLD', paymentId: outcome.paymentId });
      results.push('sold');
    }
    await sellHeldHolds(sql, stocks, sales, now);
    for (const sale of sales) sold.tickets += sale.hold.quantity;
  }
  for (const event of events.slice(results.length)) {
    results.push(
      await inEventTrace(event.traceparent, () => applyPaymentEvent(em, event.type, event.payload, now, logger, sold)),
    );
  }
  return results;
}

/** The hold stays as it is; payment is asked to give the money back. */
async function refuse(
  sql: Sql,
  hold: HoldRow | null,
  outcome: PaymentOutcome,
  refusal: string,
): Promise<PaymentEventResult> {
  await enqueueEvents(sql, [refundRequested(outcome.holdId, outcome.paymentId, 'NOT_HONOURED')]);
  await writeAudit(sql, [
    {
      actorId: null,
      action: 'hold.sale-refused',
      targetType: 'hold',
      targetId: outcome.holdId,
      meta: { paymentId: outcome.paymentId, refusal, status: hold?.status ?? null, userId: hold?.userId ?? null },
    },
  ]);
  return 'refund-requested';
}
