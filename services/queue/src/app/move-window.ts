import { randomUUID } from 'node:crypto';
import { effective } from '../domain/queue-status';
import { nextWidening } from '../domain/widening';
import type { PendingStep, WindowStore } from '../redis/window-store';

export interface MoverDeps {
  windows: WindowStore;
  /** Resolves once JetStream has acknowledged the step's event. */
  publish(sessionId: string, step: PendingStep): Promise<void>;
  /** Who this queue instance is, for the lease. */
  owner: string;
  leaseMs: number;
  ttlMs: number;
  defaultRatePerSec: number;
  now(): number;
  /** Counts places admitted by a step this mover committed (metrics). */
  admitted(places: number): void;
}

/**
 * One move of one session's window, by the holder of its lease: decide the step (or take the one
 * a mover left pending), record it, publish it and wait for the ack, and only then commit it to
 * Redis, where statuses read it. So the reservation service can know a place is admitted before
 * its user can; a crash after the publish leaves the step pending, and the next mover publishes
 * the same step again (the server drops it as a duplicate) and commits it.
 */
export async function moveWindow(deps: MoverDeps, sessionId: string): Promise<PendingStep | null> {
  const claim = await deps.windows.claim(sessionId, deps.owner, deps.leaseMs);
  if (claim.kind !== 'OK') return null;
  let step = claim.pending;
  if (!step) {
    const now = deps.now();
    const widening = nextWidening(
      {
        seq: claim.seq,
        upTo: claim.upTo,
        lastStepAt: claim.lastStepAt,
        ratePerSec: effective(claim.rate, deps.defaultRatePerSec),
        paused: !claim.enabled || claim.soldOut,
      },
      now,
    );
    if (!widening) return null;
    step = { id: randomUUID(), ...widening, expiresAt: now + deps.ttlMs, admittedAt: now };
    if (!(await deps.windows.prepare(sessionId, claim.upTo, step))) return null;
  }
  await deps.publish(sessionId, step);
  // An expired step is kept one TTL more, so an EXPIRED status can still say when its time ran out.
  if (!(await deps.windows.commit(sessionId, step, deps.now() - deps.ttlMs))) return null;
  deps.admitted(step.upTo - step.from + 1);
  return step;
}

/** One tick of this instance's mover: every session with people waiting, side by side. */
export async function moveActiveWindows(deps: MoverDeps, sessionIds: string[], onError: (error: unknown) => void) {
  await Promise.all(sessionIds.map((sessionId) => moveWindow(deps, sessionId).catch(onError)));
}
