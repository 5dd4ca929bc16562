/**
 * One widening of a session's admitted window: places `from`..`upTo` were admitted together and
 * may hold until `expiresAt` (ms since the epoch). Steps are kept in order of `from`; steps whose
 * time has passed may be forgotten, oldest first.
 */
export interface WindowStep {
  from: number;
  upTo: number;
  expiresAt: number;
}

export type Admission = { state: 'WAITING' } | { state: 'ADMITTED' | 'EXPIRED'; expiresAt?: number };

/**
 * Where a place stands against the window at `now`. The queue answers its users with it and the
 * reservation service checks holds with it, each from its own copy of the steps.
 */
export function admissionOf(steps: readonly WindowStep[], place: number, now: number): Admission {
  const last = steps[steps.length - 1];
  if (!last || place > last.upTo) return { state: 'WAITING' };
  const step = stepOf(steps, place);
  // Below every remembered step: admitted so long ago that its step was forgotten.
  if (!step) return { state: 'EXPIRED' };
  return { state: now < step.expiresAt ? 'ADMITTED' : 'EXPIRED', expiresAt: step.expiresAt };
}

/** The step that admitted `place` (binary search: a sale keeps thousands of steps). */
function stepOf(steps: readonly WindowStep[], place: number): WindowStep | undefined {
  let low = 0;
  let high = steps.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const step = steps[middle]!;
    if (place < step.from) high = middle - 1;
    else if (place > step.upTo) low = middle + 1;
    else return step;
  }
  return undefined;
}
