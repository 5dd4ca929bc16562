import type Redis from 'ioredis';
import type { WindowStep } from '@ticketing/queue-tokens';
import { effective, type SessionView } from '../domain/queue-status';
import { keys } from './keys';
import { enterScript, viewScript } from './scripts/enter-scripts';
import { sessionFactsScript, stockFactsScript } from './scripts/facts-scripts';

export interface QueueDefaults {
  ratePerSec: number;
  maxLength: number;
  /** How long a session's keys outlive the end of its sales. */
  retentionMs: number;
}

export interface StoredTicket {
  place: number;
  issuedAt: number;
  nonce: string;
}

export type EnterOutcome =
  | { kind: 'OK'; ticket: StoredTicket; view: SessionView; entered: 'new' | 'kept' | 'after-lapse' }
  | { kind: 'QUEUE_FULL'; waiting: number; maxLength: number; ratePerSec: number }
  | { kind: 'NOT_FOUND' | 'QUEUE_NOT_ENABLED' | 'SALES_CLOSED' };

/** A catalog session event as the queue keeps it. */
export interface SessionFacts {
  sessionId: string;
  version: number;
  deleted: boolean;
  queueEnabled: boolean;
  admissionRatePerSec: number;
  maxQueueLength: number;
  salesCloseAt: number;
}

/** The queue's reads and writes of a session's line; every change is one Lua script. */
export class QueueStore {
  constructor(
    readonly redis: Redis,
    readonly defaults: QueueDefaults,
  ) {}

  async enter(sessionId: string, userId: string, nonce: string, now: number): Promise<EnterOutcome> {
    const reply = (await enterScript.run(
      this.redis,
      [keys.meta(sessionId), keys.tickets(sessionId), keys.steps(sessionId), keys.active()],
      [sessionId, userId, nonce, now, this.defaults.maxLength, this.defaults.retentionMs],
    )) as string[];
    const [kind] = reply;
    if (kind === 'QUEUE_FULL') {
      const ratePerSec = effective(Number(reply[3]), this.defaults.ratePerSec);
      return { kind, waiting: Number(reply[1]), maxLength: Number(reply[2]), ratePerSec };
    }
    if (kind !== 'OK') return { kind: kind as 'NOT_FOUND' | 'QUEUE_NOT_ENABLED' | 'SALES_CLOSED' };
    const [place, issuedAt, ...nonceParts] = reply[1]!.split(':');
    const ticket = { place: Number(place), issuedAt: Number(issuedAt), nonce: nonceParts.join(':') };
    // Only a place made now carries this call's nonce; one still good is answered as it was.
    const entered = ticket.nonce !== nonce ? 'kept' : reply[7] === '1' ? 'after-lapse' : 'new';
    return { kind, ticket, view: this.viewOf(reply.slice(2, 6), reply[6] ? [reply[6]] : []), entered };
  }

  /** The session as a status needs it, with the steps from `place` on (at most `limit`); null if unknown. */
  async view(sessionId: string, place: number, limit = 1): Promise<{ view: SessionView; steps: WindowStep[] } | null> {
    const reply = (await viewScript.run(this.redis, [keys.meta(sessionId), keys.steps(sessionId)], [place, limit])) as
      string[] | ['NOT_FOUND'];
    if (reply[0] !== 'OK') return null;
    const view = this.viewOf(reply.slice(1, 5), reply.slice(5, 6));
    return { view, steps: reply.slice(5).map(parseStep) };
  }

  async applySession(facts: SessionFacts): Promise<boolean> {
    const applied = await sessionFactsScript.run(
      this.redis,
      [keys.meta(facts.sessionId), keys.tickets(facts.sessionId), keys.steps(facts.sessionId), keys.active()],
      [
        facts.sessionId,
        facts.version,
        facts.deleted ? '1' : '0',
        facts.queueEnabled ? '1' : '0',
        facts.admissionRatePerSec,
        facts.maxQueueLength,
        facts.salesCloseAt,
        this.defaults.retentionMs,
      ],
    );
    return applied === 1;
  }

  async applyStock(sessionId: string, version: number, soldOut: boolean): Promise<boolean> {
    const applied = await stockFactsScript.run(
      this.redis,
      [keys.meta(sessionId)],
      [version, soldOut ? '1' : '0', this.defaults.retentionMs],
    );
    return applied === 1;
  }

  activeSessions(): Promise<string[]> {
    return this.redis.smembers(keys.active());
  }

  /**
   * How many wait in each line that has people waiting (at most `limit` lines), for metrics: one
   * read of the active set, then one HMGET per session (each in its own slot, as a cluster needs).
   */
  async waitingCounts(limit: number): Promise<Array<{ sessionId: string; waiting: number }>> {
    const sessions = (await this.activeSessions()).slice(0, limit);
    return Promise.all(
      sessions.map(async (sessionId) => {
        const [seq, upTo] = await this.redis.hmget(keys.meta(sessionId), 'seq', 'upTo');
        return { sessionId, waiting: Math.max(0, Number(seq ?? 0) - Number(upTo ?? 0)) };
      }),
    );
  }

  private viewOf([upTo, soldOut, closeAt, rate]: string[], step: string[]): SessionView {
    return {
      upTo: Number(upTo),
      soldOut: soldOut === '1',
      salesCloseAt: closeAt ? Number(closeAt) : null,
      ratePerSec: effective(Number(rate), this.defaults.ratePerSec),
      step: step[0] ? parseStep(step[0]) : null,
    };
  }
}

export function parseStep(member: string): WindowStep {
  const [from, upTo, expiresAt] = member.split(':').map(Number);
  return { from: from!, upTo: upTo!, expiresAt: expiresAt! };
}
