/** What the mover reads of a session to decide the next step. */
export interface WindowState {
  /** The last place given. */
  seq: number;
  /** The highest admitted place. */
  upTo: number;
  /** Up to when the admission credit has been spent (ms since the epoch; 0 before the first step). */
  lastStepAt: number;
  ratePerSec: number;
  /** Sold out or queue turned off: nobody is admitted. */
  paused: boolean;
}

export interface Widening {
  from: number;
  upTo: number;
  lastStepAt: number;
}

/**
 * Credit beyond this is dropped: after a pause or an outage of every mover, at most one second of
 * admissions is made up at once instead of a flood.
 */
export const MAX_CREDIT_MS = 1000;

/**
 * The next step of the window at `now`, or null. Credit accrues at the session's rate since the
 * last step and only whole places are admitted; the fraction left is kept by moving `lastStepAt`
 * only as far as the places admitted, so a rate below one per tick still adds up. When everyone
 * waiting is admitted nothing is kept, so a crowd arriving later starts from fresh credit.
 */
export function nextWidening(state: WindowState, now: number): Widening | null {
  const waiting = state.seq - state.upTo;
  if (state.paused || waiting <= 0) return null;
  const since = Math.min(Math.max(now - state.lastStepAt, 0), MAX_CREDIT_MS);
  // The epsilon absorbs float error (3/s after 333.33 ms is 0.99999...), never a real fraction of a place.
  const count = Math.min(waiting, Math.floor((state.ratePerSec * since) / 1000 + 1e-9));
  if (count <= 0) return null;
  const creditFrom = now - since;
  // Not rounded: a whole-ms rounding on every step would add up to a visibly wrong rate.
  const lastStepAt = count === waiting ? now : creditFrom + (count * 1000) / state.ratePerSec;
  return { from: state.upTo + 1, upTo: state.upTo + count, lastStepAt };
}
