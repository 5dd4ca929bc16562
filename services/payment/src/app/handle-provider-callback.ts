import { GroupCommit } from '@ticketing/batching';
import { auditStatement, runTogether, Sql, type AuditEntry, type Statement } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { outboxStatement, type NewEvent } from '@ticketing/nats-kit';
import { verifyWebhook } from '@ticketing/webhook-signature';
import { decideCallback, type CallbackOutcome, type PaymentStatus } from '../domain/payment-transitions';
import { amountRefusal, parseCallbackBody, type ProviderCallback } from '../domain/provider-callback';
import type { Refusal } from '../domain/refusal';
import { PaymentHistoryRepository, type HistoryEntry } from '../db/payment-history.repository';
import { PaymentRepository, type PaymentRow, type StatusChange } from '../db/payment.repository';
import { ReceivedWebhookRepository, type ReceivedWebhook } from '../db/received-webhook.repository';
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

/** A verified, parsed webhook waiting for its batch. */
interface Received {
  provider: string;
  callback: ProviderCallback;
  /** The body as received, kept with the outcome. */
  body: string;
}

type Decided = { kind: 'unknown' } | { kind: 'answered'; answer: CallbackAnswer; refusal: Refusal | null };

/**
 * Provider webhooks: signature and time first (nothing is read from an unsigned body), then the
 * decision in a group commit. Webhooks are spread over `lanes` by their provider payment id, so
 * every copy of one payment's webhook goes to the same lane. When no batch of its lane is running
 * a webhook starts one at once; webhooks arriving meanwhile share the lane's next transaction,
 * which locks all their payments in one statement, decides them in arrival order, and writes every
 * outcome, status, history row, audit row and event in one more. Lanes run side by side (their
 * payments differ), so a slow commit does not stall every webhook. Copies of one report in a batch,
 * or in batches that follow, find it applied; every copy answers OK. A wrong amount is recorded
 * (that record commits) and refused.
 */
export class ProviderCallbacks {
  private readonly commit: GroupCommit<Received, Decided>;
  private readonly lanes: number;

  constructor(
    private readonly deps: PaymentDeps,
    settings: { maxBatch: number; lanes: number },
  ) {
    this.lanes = settings.lanes;
    this.commit = new GroupCommit(
      (lane, batch) =>
        deps.orm.em.fork().transactional((em) => decideBatch(new Sql(em), batch[0]!.provider, batch, deps.now())),
      {
        maxBatch: settings.maxBatch,
        onFailure: (error, lane, batch) =>
          deps.logger.error({ err: (error as Error).message, lane, webhooks: batch.length }, 'callback batch failed'),
      },
    );
  }

  /** Every webhook is counted by its result, and a status it changed by the status reached (metrics). */
  async handle(input: ProviderCallbackInput): Promise<CallbackAnswer> {
    try {
      const answer = await this.decide(input);
      this.deps.counters.callbackHandled(answer.outcome);
      if (answer.outcome === 'APPLIED') this.deps.counters.paymentReached(answer.status);
      return answer;
    } catch (error) {
      this.deps.counters.callbackHandled(AppError.is(error) ? error.code : 'INTERNAL');
      throw error;
    }
  }

  private async decide(input: ProviderCallbackInput): Promise<CallbackAnswer> {
    const { deps } = this;
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

    const lane = `${provider}:${laneOf(parsed.callback.providerPaymentId, this.lanes)}`;
    const decided = await this.commit.submit(lane, { provider, callback: parsed.callback, body });
    if (decided.kind === 'unknown') throw new AppError('NOT_FOUND', 'no payment has this provider payment id');
    if (decided.refusal) {
      const { code, message, details } = decided.refusal;
      throw new AppError(code, message, details);
    }
    if (decided.answer.outcome === 'APPLIED') deps.wakeOutboxRelay();
    return decided.answer;
  }

  /** Resolves when no batch is queued or running: a shutdown waits for it before closing the pool. */
  idle(): Promise<void> {
    return this.commit.idle();
  }
}

/** FNV-1a of the id, so the same payment always lands in the same lane. */
function laneOf(providerPaymentId: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < providerPaymentId.length; i++) {
    hash = Math.imul(hash ^ providerPaymentId.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0) % lanes;
}

/** A payment as the batch has decided it so far. */
interface Tracked {
  payment: PaymentRow;
  /** Its status when locked: the status change is written once per payment, from this. */
  lockedStatus: PaymentStatus;
  /** Provider statuses applied to it before or earlier in this batch. */
  applied: Set<string>;
}

async function decideBatch(sql: Sql, provider: string, batch: Received[], now: Date): Promise<Decided[]> {
  const locked = await new PaymentRepository(sql).lockForCallbacks(
    provider,
    batch.map((r) => r.callback.providerPaymentId),
  );
  const tracked = new Map<string, Tracked>(
    locked.map(({ payment, appliedStatuses }) => [
      payment.providerPaymentId!,
      { payment, lockedStatus: payment.status, applied: new Set(appliedStatuses) },
    ]),
  );
  const records: ReceivedWebhook[] = [];
  const history: Array<{ paymentId: string; entry: HistoryEntry }> = [];
  const events: NewEvent[] = [];
  const audits: AuditEntry[] = [];

  const decided = batch.map(({ callback, body }): Decided => {
    const t = tracked.get(callback.providerPaymentId);
    if (!t) return { kind: 'unknown' };
    const from = t.payment.status;
    const mismatch = amountRefusal(t.payment, callback);
    const decision = mismatch
      ? { outcome: 'AMOUNT_MISMATCH' as const }
      : decideCallback(from, callback.status, t.applied.has(callback.status));
    records.push({ paymentId: t.payment.id, provider, callback, outcome: decision.outcome, body, receivedAt: now });
    if (decision.outcome === 'APPLIED') {
      t.payment = { ...t.payment, status: decision.to };
      t.applied.add(callback.status);
      const reason = decision.to === 'FAILED' ? DECLINED : '';
      history.push({ paymentId: t.payment.id, entry: { status: decision.to, at: now, reason } });
      const event = statusEvent(t.payment, decision.to, reason);
      if (event) events.push(event);
    }
    if (decision.outcome === 'APPLIED' || decision.outcome === 'AMOUNT_MISMATCH') {
      audits.push({
        actorId: null,
        action: decision.outcome === 'APPLIED' ? 'payment.status-changed' : 'payment.callback-refused',
        targetType: 'payment',
        targetId: t.payment.id,
        meta: { from, to: t.payment.status, reported: callback.status, amountMinor: callback.amountMinor },
      });
    }
    return {
      kind: 'answered',
      answer: {
        duplicate: decision.outcome === 'DUPLICATE',
        paymentId: t.payment.id,
        status: t.payment.status,
        outcome: decision.outcome,
      },
      refusal: mismatch,
    };
  });

  // A payment changed twice in one batch (a SUCCESS, then its REFUNDED) is updated once, to its last status.
  const changes: StatusChange[] = [...tracked.values()]
    .filter((t) => t.payment.status !== t.lockedStatus)
    .map((t) => ({ id: t.payment.id, from: t.lockedStatus, to: t.payment.status }));
  const statements: Statement[] = [ReceivedWebhookRepository.recordAll(records)];
  if (changes.length > 0) {
    statements.push(PaymentRepository.changeStatuses(changes, now));
    statements.push(PaymentHistoryRepository.appendAll(history));
  }
  if (events.length > 0) statements.push(outboxStatement(events));
  if (audits.length > 0) statements.push(auditStatement(audits));
  if (records.length > 0) await runTogether(sql, statements);
  return decided;
}
