import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@ticketing/logger';
import type { QueueTokens, WindowStep } from '@ticketing/queue-tokens';
import type { TicketQrSigner } from '../domain/ticket-qr';

/** What the use cases count for metrics (metrics.ts); each is called once what it counts has committed. */
export interface ReservationCounters {
  /** A hold request decided: `null` when accepted, else the refusal's code. */
  holdDecided(refusal: string | null): void;
  holdsExpired(count: number): void;
  ticketsSold(count: number): void;
}

/** What the use cases need from the outside world, passed in so tests can vary it. */
export interface ReservationDeps {
  orm: MikroORM;
  logger: Logger;
  now(): Date;
  holdTtlSec: number;
  /** Called after a change with events commits, so they go out now rather than at the relay's next poll. */
  wakeOutboxRelay(): void;
  /** Reads the waiting-room tokens the queue signs (same secret). */
  queueTokens: Pick<QueueTokens, 'read'>;
  /** The admitted windows this process has learnt from the queue's events. */
  admission: { stepsOf(sessionId: string): readonly WindowStep[] };
  /** Signs tickets' QR payloads when they are shown. */
  ticketQr: TicketQrSigner;
  /** Purchases can be cancelled until this many hours before their session starts. */
  cancellationCutoffHours: number;
  counters: ReservationCounters;
}
