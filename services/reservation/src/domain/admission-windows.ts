import type { WindowStep } from '@ticketing/queue-tokens';
import { isUuid } from './hold-rules';

/** One widening of a session's window, as `queue.window.advanced` announces it. */
export interface AdmittedStep extends WindowStep {
  sessionId: string;
}

const NONE: readonly WindowStep[] = [];

/**
 * The admitted windows this process knows, per session: the steps in order of place. Steps come
 * from the stream in the order the queue published them; a step already covered (a duplicate, or
 * one older than the last) changes nothing. Memory stays bounded: steps whose time to hold has
 * passed are forgotten, all but the last, which still tells an expired place from a waiting one.
 */
export class AdmissionWindows {
  private readonly sessions = new Map<string, WindowStep[]>();

  /** Whether the step widened the session's window. */
  apply(step: AdmittedStep, now: number): boolean {
    let steps = this.sessions.get(step.sessionId);
    if (!steps) {
      steps = [];
      this.sessions.set(step.sessionId, steps);
    }
    const last = steps[steps.length - 1];
    if (last && step.upTo <= last.upTo) return false;
    steps.push({
      from: last ? Math.max(step.from, last.upTo + 1) : step.from,
      upTo: step.upTo,
      expiresAt: step.expiresAt,
    });
    let stale = 0;
    while (stale < steps.length - 1 && steps[stale]!.expiresAt <= now) stale++;
    if (stale > 0) steps.splice(0, stale);
    return true;
  }

  stepsOf(sessionId: string): readonly WindowStep[] {
    return this.sessions.get(sessionId) ?? NONE;
  }
}

const place = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

/** The queue is another service: a payload that is not a step is skipped, never half-applied. */
export function parseWindowAdvanced(payload: unknown): AdmittedStep | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { sessionId, from, upTo, expiresAt } = payload as Record<string, unknown>;
  if (typeof sessionId !== 'string' || !isUuid(sessionId)) return null;
  if (!place(from) || !place(upTo) || upTo < from) return null;
  const expiry = typeof expiresAt === 'string' ? Date.parse(expiresAt) : Number.NaN;
  if (Number.isNaN(expiry)) return null;
  return { sessionId, from, upTo, expiresAt: expiry };
}
