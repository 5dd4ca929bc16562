import { auditStatement, runTogether, Sql, type Statement } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { outboxStatement } from '@ticketing/nats-kit';
import { verifyWebhook } from '@ticketing/webhook-signature';
import { decideCallback, type CallbackOutcome, type PaymentStatus } from '../domain/payment-transitions';
import { amountRefusal, parseCallbackBody, type ProviderCallback } from '../domain/provider-callback';
import type { Refusal } from '../domain/refusal';
import { PaymentHistoryRepository } from '../db/payment-history.repository';
import { PaymentRepository, type PaymentRow } from '../db/payment.repository';
import { ReceivedWebhookRepository } from '../db/received-webhook.repository';
import type { PaymentDeps } from './deps';
import { statusEvent } from './payment-events';

export interface ProviderCallbackInput {
  /** The body exactly as received: the signature is over these bytes. */
  rawBody: Uint8Array;
  /** The `X-Signature` header as received ('' when there was none). */
  signature: string;
  /** '' for the configured provider. */
  provider: string;
}

export interface CallbackAnswer {
  /** This copy changed nothing because the same report was applied before. */
  duplicate: boolean;
  paymentId: string;
  status: PaymentStatus;
  outcome: CallbackOutcome;
}

/** Why a failed payment failed, as far as the sandbox's webhook says. */
const DECLINED = 'DECLINED';

type Decided = { kind: 'unknown' } | { kind: 'answered'; answer: CallbackAnswer; refusal: Refusal | null };

/**
 * A provider webhook: signature and time first (nothing is read from an unsigned body), then,
 * under the payment's row lock, the decision, the new status, its history, its event and the
 * record of what came, all in one transaction. Copies queue on the lock and find the first
 * applied; every copy answers OK. A wrong amount is recorded (that record commits) and refused.
 */
export async function handleProviderCallback(deps: PaymentDeps, input: ProviderCallbackInput): Promise<CallbackAnswer> {
  const verdict = verifyWebhook(
    deps.webhook.secret,
    input.rawBody,
    input.signature || undefined,
    Math.floor(deps.now().getTime() / 1000),
    deps.webhook.toleranceSec,
  );
  if (verdict === 'INVALID') throw new AppError('SIGNATURE_INVALID', 'the webhook signature is missing or invalid');
  if (verdict === 'EXPIRED')
    throw new AppError('SIGNATURE_EXPIRED', 'the webhook was signed too long ago (or ahead): a replay is refused');
  const parsed = parseCallbackBody(input.rawBody);
  if (!parsed.ok) throw new AppError(parsed.refusal.code, parsed.refusal.message, parsed.refusal.details);
  const provider = input.provider || deps.provider.name;
  const body = Buffer.from(input.rawBody).toString('utf8');

  const decided = await deps.orm.em
    .fork()
    .transactional((em) => decide(new Sql(em), provider, parsed.callback, body, deps.now()));
  if (decided.kind === 'unknown') throw new AppError('NOT_FOUND', 'no payment has this provider payment id');
  if (decided.refusal) {
    const { code, message, details } = decided.refusal;
    throw new AppError(code, message, details);
  }
  if (decided.answer.outcome === 'APPLIED') deps.wakeOutboxRelay();
  return decided.answer;
}

async function decide(
  sql: Sql,
  provider: string,
  callback: ProviderCallback,
  body: string,
  now: Date,
): Promise<Decided> {
  const locked = await new PaymentRepository(sql).lockForCallback(
    provider,
    callback.providerPaymentId,
    callback.status,
  );
  if (!locked) return { kind: 'unknown' };
  const { payment, appliedBefore } = locked;
  const mismatch = amountRefusal(payment, callback);
  const decision = mismatch
    ? { outcome: 'AMOUNT_MISMATCH' as const }
    : decideCallback(payment.status, callback.status, appliedBefore);
  const record = (outcome: CallbackOutcome) =>
    ReceivedWebhookRepository.record({ paymentId: payment.id, provider, callback, outcome, body, receivedAt: now });

  const statements: Statement[] = [record(decision.outcome)];
  let status = payment.status;
  if (decision.outcome === 'APPLIED') {
    status = decision.to;
    statements.push(...applyStatements(payment, decision.to, now));
  }
  if (decision.outcome === 'APPLIED' || decision.outcome === 'AMOUNT_MISMATCH') {
    statements.push(
      auditStatement([
        {
          actorId: null,
          action: decision.outcome === 'APPLIED' ? 'payment.status-changed' : 'payment.callback-refused',
          targetType: 'payment',
          targetId: payment.id,
          meta: { from: payment.status, to: status, reported: callback.status, amountMinor: callback.amountMinor },
        },
      ]),
    );
  }
  await runTogether(sql, statements);
  return {
    kind: 'answered',
    answer: { duplicate: decision.outcome === 'DUPLICATE', paymentId: payment.id, status, outcome: decision.outcome },
    refusal: mismatch,
  };
}

function applyStatements(payment: PaymentRow, to: PaymentStatus, now: Date): Statement[] {
  const reason = to === 'FAILED' ? DECLINED : '';
  const event = statusEvent(payment, to, reason);
  return [
    PaymentRepository.changeStatus(payment.id, payment.status, to, now),
    PaymentHistoryRepository.append(payment.id, { status: to, at: now, reason }),
    ...(event ? [outboxStatement([event])] : []),
  ];
}
