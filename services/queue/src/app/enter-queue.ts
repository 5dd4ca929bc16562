import { randomBytes } from 'node:crypto';
import { AppError } from '@ticketing/errors';
import { retryAfterSeconds, statusOfPlace } from '../domain/queue-status';
import { SESSION_ID } from '../redis/keys';
import type { QueueDeps } from './deps';
import type { QueueStatusView } from './queue-status-view';

/**
 * The caller takes a place in the session's line, or gets back the one still good (same token).
 * Refusals: NOT_FOUND, QUEUE_NOT_ENABLED, SALES_CLOSED, QUEUE_FULL (with `retryAfterSeconds`).
 */
export async function enterQueue(deps: QueueDeps, userId: string, sessionId: string): Promise<QueueStatusView> {
  if (!SESSION_ID.test(sessionId)) throw new AppError('NOT_FOUND', 'session not found');
  const now = deps.now();
  const outcome = await deps.store.enter(sessionId, userId, randomBytes(16).toString('base64url'), now);
  switch (outcome.kind) {
    case 'OK':
      break;
    case 'NOT_FOUND':
      throw new AppError('NOT_FOUND', 'session not found');
    case 'QUEUE_NOT_ENABLED':
      throw new AppError('QUEUE_NOT_ENABLED');
    case 'SALES_CLOSED':
      throw new AppError('SALES_CLOSED');
    case 'QUEUE_FULL':
      throw new AppError('QUEUE_FULL', 'the waiting room is full, try again later', {
        retryAfterSeconds: retryAfterSeconds(outcome.waiting, outcome.maxLength, outcome.ratePerSec),
      });
  }
  const { ticket, view } = outcome;
  if (outcome.entered !== 'kept') deps.counters.entered();
  if (outcome.entered === 'after-lapse') deps.counters.admissionLapsed();
  return {
    queueToken: deps.tokens.sign({ sessionId, userId, ...ticket }),
    sessionId,
    place: ticket.place,
    ...statusOfPlace(ticket.place, view, now),
  };
}
