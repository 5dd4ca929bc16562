import { admissionOf, type WindowStep } from '@ticketing/queue-tokens';

export type QueueState = 'WAITING' | 'ADMITTED' | 'EXPIRED' | 'SOLD_OUT';

/** What a status needs of a session, read in one go. */
export interface SessionView {
  upTo: number;
  soldOut: boolean;
  /** When waiting places lapse; null if the session never said. */
  salesCloseAt: number | null;
  /** The session's effective rate (its own, or the queue's default). */
  ratePerSec: number;
  /** The remembered step with the lowest `upTo` at or above the place, if any. */
  step: WindowStep | null;
}

export interface PlaceStatus {
  state: QueueState;
  allowed: boolean;
  /** People still waiting before this place; 0 once admitted. */
  ahead: number;
  /** ADMITTED/EXPIRED: the deadline to hold; WAITING/SOLD_OUT: the end of sales (ms since the epoch). */
  expiresAt: number | null;
  estimatedWaitSeconds: number;
}

export function statusOfPlace(place: number, view: SessionView, now: number): PlaceStatus {
  if (place > view.upTo) {
    const ahead = place - view.upTo - 1;
    const state = view.soldOut ? 'SOLD_OUT' : 'WAITING';
    const estimatedWaitSeconds = state === 'WAITING' ? Math.ceil(ahead / view.ratePerSec) : 0;
    return { state, allowed: false, ahead, expiresAt: view.salesCloseAt, estimatedWaitSeconds };
  }
  // Admitted once: its step, if still remembered, says until when (a forgotten step has long expired).
  const admission = view.step ? admissionOf([view.step], place, now) : null;
  const admitted = admission?.state === 'ADMITTED';
  const expiresAt = admission && admission.state !== 'WAITING' ? (admission.expiresAt ?? null) : null;
  return { state: admitted ? 'ADMITTED' : 'EXPIRED', allowed: admitted, ahead: 0, expiresAt, estimatedWaitSeconds: 0 };
}

/** Seconds until enough people are admitted for one new place to fit (`waiting >= max`), at least 1. */
export function retryAfterSeconds(waiting: number, maxLength: number, ratePerSec: number): number {
  return Math.max(1, Math.ceil((waiting - maxLength + 1) / ratePerSec));
}

/** The session's own setting, or the queue's default where it says 0. */
export function effective(value: number, fallback: number): number {
  return value > 0 ? value : fallback;
}
