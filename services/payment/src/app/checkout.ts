import { randomUUID } from 'node:crypto';
import { runTogether, Sql, writeAudit } from '@ticketing/db';
import { currentTraceparent } from '@ticketing/nats-kit';
import { AppError } from '@ticketing/errors';
import {
  checkoutFingerprint,
  checkoutRequestRefusal,
  holdRefusal,
  type CheckoutCommand,
  type PaymentMethod,
} from '../domain/checkout-rules';
import type { Refusal } from '../domain/refusal';
import { IdempotencyRepository } from '../db/idempotency.repository';
import { PaymentHistoryRepository } from '../db/payment-history.repository';
import { PaymentRepository } from '../db/payment.repository';
import type { PaymentDeps } from './deps';
import type { HoldSnapshot } from './hold-reader';
import { readPaymentView, type PaymentView } from './payment-view';

export interface Caller {
  userId: string;
  /** The caller's own access token: reservation is asked for the hold as the caller. */
  token: string;
}

const toAppError = (refusal: Refusal) => new AppError(refusal.code, refusal.message, refusal.details);
const keyReused = () =>
  new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another checkout; use a new key');

/**
 * One payment per hold. A key already kept answers its payment again without asking reservation
 * (the hold may have moved on since). Otherwise the caller's ACTIVE hold is read, the payment is
 * created (or found, when the hold has one) and the key kept, in one transaction; then the
 * provider's side is made if it is missing. A provider failure leaves the payment and key in
 * place, so a retry with the same key finishes it.
 */
export async function checkout(deps: PaymentDeps, caller: Caller, command: CheckoutCommand): Promise<PaymentView> {
  const refusal = checkoutRequestRefusal(command);
  if (refusal) throw toAppError(refusal);
  const fingerprint = checkoutFingerprint(command.holdId, command.method);
  const kept = await new IdempotencyRepository(new Sql(deps.orm.em.fork())).find(caller.userId, command.idempotencyKey);
  if (kept && kept.fingerprint !== fingerprint) throw keyReused();
  const paymentId = kept?.paymentId ?? (await createPayment(deps, caller, command, fingerprint));
  await ensureProviderSession(deps, paymentId);
  return (await readPaymentView(new Sql(deps.orm.em.fork()), paymentId))!;
}

async function createPayment(
  deps: PaymentDeps,
  caller: Caller,
  command: CheckoutCommand,
  fingerprint: string,
): Promise<string> {
  const hold = await deps.holds.readHold(command.holdId, caller.token);
  // Reservation answers only the caller's holds already; checked again so a mistake there cannot leak here.
  if (hold.userId !== caller.userId) throw new AppError('NOT_FOUND', 'hold not found');
  const refusal = holdRefusal(hold, deps.now());
  if (refusal) throw toAppError(refusal);
  const now = deps.now();
  return deps.orm.em.fork().transactional(async (em) => {
    const sql = new Sql(em);
    const payments = new PaymentRepository(sql);
    const id = randomUUID();
    const created = await payments.insertUnlessHoldPaid(
      newPayment(id, hold, command.method as PaymentMethod, deps, now),
    );
    const payment = created ? null : await payments.findByHold(hold.holdId);
    const paymentId = payment?.id ?? id;
    const keptFor = await new IdempotencyRepository(sql).keep(
      caller.userId,
      command.idempotencyKey,
      { fingerprint, paymentId },
      now,
    );
    if (keptFor.fingerprint !== fingerprint) throw keyReused();
    if (created) {
      await runTogether(sql, [PaymentHistoryRepository.append(id, { status: 'PENDING', at: now, reason: '' })]);
      await writeAudit(sql, {
        actorId: caller.userId,
        action: 'payment.created',
        targetType: 'payment',
        targetId: id,
        meta: { holdId: hold.holdId, amountMinor: hold.amountMinor, currency: hold.currency },
      });
    }
    return keptFor.paymentId;
  });
}

function newPayment(id: string, hold: HoldSnapshot, method: PaymentMethod, deps: PaymentDeps, now: Date) {
  return {
    id,
    holdId: hold.holdId,
    userId: hold.userId,
    status: 'PENDING' as const,
    amountMinor: hold.amountMinor,
    currency: hold.currency,
    method,
    provider: deps.provider.name,
    expiresAt: new Date(hold.expiresAt),
    createdAt: now,
    updatedAt: now,
    traceparent: currentTraceparent(),
  };
}

/** The provider is idempotent by our payment id, so concurrent or repeated calls get one session. */
async function ensureProviderSession(deps: PaymentDeps, paymentId: string): Promise<void> {
  const payment = (await new PaymentRepository(new Sql(deps.orm.em.fork())).findById(paymentId))!;
  if (payment.providerPaymentId) return;
  let session: { providerPaymentId: string; sessionUrl: string };
  try {
    session = await deps.provider.createPayment({
      paymentId,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
    });
  } catch (error) {
    deps.logger.warn({ err: (error as Error).message, paymentId }, 'payment provider did not create the payment');
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      'the payment provider is unavailable; retry with the same Idempotency-Key',
    );
  }
  await new PaymentRepository(new Sql(deps.orm.em.fork())).attachProviderSession(
    paymentId,
    session.providerPaymentId,
    session.sessionUrl,
    deps.now(),
  );
}
