import type Redis from 'ioredis';
import type { QueueDefaults } from './queue-store';
import { keys } from './keys';
import { claimScript, commitScript, prepareScript } from './scripts/window-scripts';

/** A step decided by a mover, recorded before it is published so that a retry publishes the same. */
export interface PendingStep {
  /** The event id: the same on every publish of this step. */
  id: string;
  from: number;
  upTo: number;
  expiresAt: number;
  admittedAt: number;
  /** The mover's credit position after this step (see nextWidening). */
  lastStepAt: number;
}

export type Claim =
  | { kind: 'BUSY' | 'IDLE' }
  | {
      kind: 'OK';
      enabled: boolean;
      soldOut: boolean;
      rate: number;
      seq: number;
      upTo: number;
      lastStepAt: number;
      pending: PendingStep | null;
    };

/** The mover's side of the store: lease, pending step, commit. */
export class WindowStore {
  constructor(
    private readonly redis: Redis,
    private readonly defaults: QueueDefaults,
  ) {}

  async claim(sessionId: string, owner: string, leaseMs: number): Promise<Claim> {
    const reply = (await claimScript.run(
      this.redis,
      [keys.meta(sessionId), keys.lease(sessionId), keys.active()],
      [sessionId, owner, leaseMs],
    )) as string[];
    if (reply[0] !== 'OK') return { kind: reply[0] as 'BUSY' | 'IDLE' };
    const [, enabled, soldOut, rate, seq, upTo, lastStepAt, pending] = reply;
    return {
      kind: 'OK',
      enabled: enabled === '1',
      soldOut: soldOut === '1',
      rate: Number(rate),
      seq: Number(seq),
      upTo: Number(upTo),
      lastStepAt: Number(lastStepAt),
      pending: pending ? decodePending(pending) : null,
    };
  }

  async prepare(sessionId: string, expectedUpTo: number, step: PendingStep): Promise<boolean> {
    return (await prepareScript.run(this.redis, [keys.meta(sessionId)], [expectedUpTo, encodePending(step)])) === 1;
  }

  /** Steps that expired before `forgetBefore` (ms) are dropped as this one is added. */
  async commit(sessionId: string, step: PendingStep, forgetBefore: number): Promise<boolean> {
    const committed = await commitScript.run(
      this.redis,
      [keys.meta(sessionId), keys.steps(sessionId), keys.active()],
      [sessionId, encodePending(step), forgetBefore, this.defaults.retentionMs],
    );
    return committed === 1;
  }
}

export function encodePending(step: PendingStep): string {
  return [step.id, step.from, step.upTo, step.expiresAt, step.admittedAt, step.lastStepAt].join('|');
}

function decodePending(text: string): PendingStep {
  const [id, from, upTo, expiresAt, admittedAt, lastStepAt] = text.split('|');
  return {
    id: id!,
    from: Number(from),
    upTo: Number(upTo),
    expiresAt: Number(expiresAt),
    admittedAt: Number(admittedAt),
    lastStepAt: Number(lastStepAt),
  };
}
