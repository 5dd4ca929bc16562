import { AppError } from '@ticketing/errors';
import type { QueueTicket, WindowStep } from '@ticketing/queue-tokens';
import { statusOfPlace } from '../domain/queue-status';
import type { QueueDeps } from './deps';
import { isFinal, type QueueStatusView } from './queue-status-view';
import { ownTicket, statusOfTicket } from './read-status';

interface Watcher {
  ticket: QueueTicket;
  token: string;
  last: QueueStatusView;
  lastSentAt: number;
  send(status: QueueStatusView): void;
  finish(error?: AppError): void;
}

/** Steps read per session and tick: far more than a TTL's worth of steps at any sane tick. */
const MAX_STEPS = 5000;

/**
 * The open WatchStatus streams of this instance. On every tick it reads each watched session once
 * (one script: the window, the flags and the steps from the lowest watched place on) and tells each
 * watcher what changed: bounded work, no subscription to keep, and changes by time alone (an
 * admission running out) are seen like the others. A change of state or expiry goes out on the
 * tick that sees it; a change of the people ahead alone at most once per `aheadEveryMs`, so a
 * moving line does not turn every tick into a message to every watcher.
 */
export class WatchHub {
  private readonly sessions = new Map<string, Set<Watcher>>();
  private closing = false;

  constructor(
    private readonly deps: QueueDeps,
    private readonly aheadEveryMs: number,
  ) {}

  /** Sends the status at once, then changes; resolves after a final state or when `signal` aborts. */
  async watch(token: string, caller: string | null, signal: AbortSignal, send: (s: QueueStatusView) => void) {
    if (this.closing) throw new AppError('SERVICE_UNAVAILABLE', 'the queue is restarting: watch again');
    const ticket = ownTicket(this.deps, token, caller);
    const first = await statusOfTicket(this.deps, ticket, token);
    send(first);
    if (isFinal(first) || signal.aborted) return;
    // Closed while the first status was read: registering now would leave a stream nobody ends.
    if (this.closing) throw new AppError('SERVICE_UNAVAILABLE', 'the queue is restarting: watch again');
    await new Promise<void>((resolve, reject) => {
      const watchers = this.sessions.get(ticket.sessionId) ?? new Set<Watcher>();
      this.sessions.set(ticket.sessionId, watchers);
      const watcher: Watcher = {
        ticket,
        token,
        last: first,
        lastSentAt: this.deps.now(),
        send,
        finish: (error) => {
          watchers.delete(watcher);
          if (watchers.size === 0 && this.sessions.get(ticket.sessionId) === watchers) {
            this.sessions.delete(ticket.sessionId);
          }
          signal.removeEventListener('abort', onAbort);
          if (error) reject(error);
          else resolve();
        },
      };
      const onAbort = () => watcher.finish();
      signal.addEventListener('abort', onAbort);
      watchers.add(watcher);
    });
  }

  /** One tick: every watched session read once, every watcher told what changed. */
  async refresh(): Promise<void> {
    await Promise.all([...this.sessions].map(([sessionId, watchers]) => this.refreshSession(sessionId, watchers)));
  }

  /** Ends every open stream with SERVICE_UNAVAILABLE (clients watch again elsewhere) and takes no new ones. */
  close(): void {
    this.closing = true;
    const error = new AppError('SERVICE_UNAVAILABLE', 'the queue is restarting: watch again');
    for (const watchers of this.sessions.values()) for (const watcher of [...watchers]) watcher.finish(error);
  }

  get watching(): number {
    let count = 0;
    for (const watchers of this.sessions.values()) count += watchers.size;
    return count;
  }

  private async refreshSession(sessionId: string, watchers: Set<Watcher>): Promise<void> {
    let lowest = Infinity;
    for (const watcher of watchers) lowest = Math.min(lowest, watcher.ticket.place);
    const read = await this.deps.store.view(sessionId, lowest, MAX_STEPS);
    const now = this.deps.now();
    for (const watcher of [...watchers]) {
      if (!read) {
        watcher.finish(new AppError('NOT_FOUND', 'session not found'));
        continue;
      }
      const { place } = watcher.ticket;
      const status: QueueStatusView = {
        queueToken: watcher.token,
        sessionId,
        place,
        ...statusOfPlace(place, { ...read.view, step: stepReaching(read.steps, place) }, now),
      };
      if (!this.worthSending(watcher, status, now)) continue;
      watcher.send(status);
      watcher.last = status;
      watcher.lastSentAt = now;
      if (isFinal(status)) watcher.finish();
    }
  }

  private worthSending(watcher: Watcher, status: QueueStatusView, now: number): boolean {
    const { last } = watcher;
    if (status.state !== last.state || status.expiresAt !== last.expiresAt) return true;
    return status.ahead !== last.ahead && now - watcher.lastSentAt >= this.aheadEveryMs;
  }
}

/** The first step with `upTo >= place` (steps in order of upTo), as the view script answers for one place. */
function stepReaching(steps: readonly WindowStep[], place: number): WindowStep | null {
  let low = 0;
  let high = steps.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (steps[middle]!.upTo < place) low = middle + 1;
    else high = middle;
  }
  return steps[low] ?? null;
}
