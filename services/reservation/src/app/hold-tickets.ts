import { GroupCommit } from '@ticketing/batching';
import { Sql, writeAudit } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { isUuid, quantityRefusal, seatSelectionRefusal } from '../domain/hold-rules';
import { idempotencyKeyRefusal, requestFingerprint, type Selection } from '../domain/idempotency';
import { queuePass } from '../domain/queue-admission';
import { refuse, type Refusal } from '../domain/refusal';
import { applyHoldBatch, auditOf, type HoldOutcome, type PendingHold } from './apply-hold-batch';
import type { ReservationDeps } from './deps';
import type { HoldView } from './hold-view';

export interface HoldCommand {
  sessionId: string;
  /** Null when the request named neither a quantity nor seats. */
  selection: Selection | null;
  idempotencyKey: string;
  /** The waiting-room token; '' when none was sent. Looked at only for sessions with the queue on. */
  queueToken: string;
}

const toAppError = (refusal: Refusal) => new AppError(refusal.code, refusal.message, refusal.details);

/** Adds the hold's facts to the log line of the call that carries it; they are built only if it is written. */
export type AddLogFields = (fields: () => Record<string, unknown>) => void;

/** What a hold's log line says of the request, beyond the call's own outcome and latency. */
function requestLogFields(command: HoldCommand): Record<string, unknown> {
  const selection = command.selection;
  return {
    action: 'hold',
    sessionId: command.sessionId,
    quantity: selection?.kind === 'QUANTITY' ? selection.quantity : selection?.seatIds.length,
    ...(selection?.kind === 'SEATS' ? { seatIds: selection.seatIds } : {}),
  };
}

function outcomeLogFields(outcome: HoldOutcome): Record<string, unknown> {
  return { replayed: outcome.replayed, ...(outcome.ok ? { holdId: outcome.hold.holdId } : {}) };
}

/** What can be refused from the request alone, before any transaction. */
function requestRefusal(command: HoldCommand): Refusal | null {
  const keyRefusal = idempotencyKeyRefusal(command.idempotencyKey);
  if (keyRefusal) return keyRefusal;
  if (!isUuid(command.sessionId)) return refuse('NOT_FOUND', 'session not found');
  if (!command.selection) return refuse('INVALID_ARGUMENT', 'send either quantity or seatIds', { field: 'quantity' });
  return command.selection.kind === 'QUANTITY'
    ? quantityRefusal(command.selection.quantity)
    : seatSelectionRefusal(command.selection.seatIds);
}

/**
 * The hold use case. Requests are checked on their own first; those that pass go to their
 * session's group commit, which applies them in arrival order in shared transactions. Every
 * attempt, whatever its outcome, is one audit row, and its facts join the caller's log line.
 */
export class HoldTickets {
  private readonly commit: GroupCommit<PendingHold, HoldOutcome>;

  constructor(
    private readonly deps: ReservationDeps,
    maxBatch: number,
  ) {
    this.commit = new GroupCommit((sessionId, batch) => applyHoldBatch(deps, sessionId, batch), {
      maxBatch,
      onFailure: (error, sessionId, batch) => this.batchFailed(error, sessionId, batch),
    });
  }

  async hold(userId: string, command: HoldCommand, addLogFields?: AddLogFields): Promise<HoldView> {
    addLogFields?.(() => requestLogFields(command));
    const refusal = requestRefusal(command);
    if (refusal) {
      await this.recordEarlyRefusal(userId, command, refusal);
      this.deps.counters.holdDecided(refusal.code);
      throw toAppError(refusal);
    }
    const selection = command.selection!;
    const pending: PendingHold = {
      userId,
      sessionId: command.sessionId,
      key: command.idempotencyKey,
      fingerprint: requestFingerprint(command.sessionId, selection),
      selection,
      tickets: selection.kind === 'QUANTITY' ? selection.quantity : selection.seatIds.length,
      queue: queuePass(command.queueToken, this.deps.queueTokens.read, userId, command.sessionId),
    };
    const outcome = await this.commit.submit(command.sessionId, pending);
    // A replay answers a decision already counted.
    if (!outcome.replayed) this.deps.counters.holdDecided(outcome.ok ? null : outcome.refusal.code);
    addLogFields?.(() => outcomeLogFields(outcome));
    if (outcome.ok) return outcome.hold;
    throw toAppError(outcome.refusal);
  }

  /** Resolves when every request taken so far is answered: shutdown waits for this before closing the pool. */
  idle(): Promise<void> {
    return this.commit.idle();
  }

  stats() {
    return this.commit.stats();
  }

  private async recordEarlyRefusal(userId: string, command: HoldCommand, refusal: Refusal) {
    const selection = command.selection;
    await writeAudit(new Sql(this.deps.orm.em.fork()), [
      {
        actorId: userId,
        action: 'hold.rejected',
        targetType: 'session',
        targetId: command.sessionId.slice(0, 100),
        meta: {
          quantity: selection?.kind === 'QUANTITY' ? selection.quantity : (selection?.seatIds.length ?? null),
          idempotencyKey: command.idempotencyKey.slice(0, 100),
          outcome: refusal.code,
        },
      },
    ]);
  }

  /** The batch's transaction rolled back, audit rows with it; record the attempts outside it, best effort. */
  private batchFailed(error: unknown, sessionId: string, batch: PendingHold[]) {
    this.deps.logger.error({ err: error, sessionId, batchSize: batch.length }, 'hold batch failed and rolled back');
    for (let i = 0; i < batch.length; i += 1) this.deps.counters.holdDecided('INTERNAL');
    const failed: HoldOutcome = { ok: false, refusal: refuse('INTERNAL', 'internal error'), replayed: false };
    writeAudit(
      new Sql(this.deps.orm.em.fork()),
      batch.map((request) => ({ ...auditOf(request, failed, batch.length), action: 'hold.failed' })),
    ).catch((auditError: unknown) => this.deps.logger.warn({ err: auditError }, 'could not audit a failed hold batch'));
  }
}
