import { AppError } from '@ticketing/errors';
import type { QueueTicket } from '@ticketing/queue-tokens';
import { statusOfPlace } from '../domain/queue-status';
import type { QueueDeps } from './deps';
import type { QueueStatusView } from './queue-status-view';

/**
 * The ticket a token names, for its owner only. A token the queue did not sign (forged,
 * malformed) names no place: NOT_FOUND. Another user's token: FORBIDDEN. A `null` caller (the
 * live stream opened without a sign-in) is let through on the token alone: it is unguessable,
 * bound to one user and shows only that user's place.
 */
export function ownTicket(deps: QueueDeps, token: string, caller: string | null): QueueTicket {
  if (!token) throw new AppError('INVALID_ARGUMENT', 'queueToken is required');
  const ticket = deps.tokens.read(token);
  if (!ticket) throw new AppError('NOT_FOUND', 'no such place in line', { reason: 'TOKEN_UNKNOWN' });
  if (caller !== null && ticket.userId !== caller) {
    throw new AppError('FORBIDDEN', 'this queue token belongs to another user', { reason: 'TOKEN_FOREIGN' });
  }
  return ticket;
}

/** Where the ticket's place stands now; the token alone says which place (no per-user read). */
export async function readStatus(deps: QueueDeps, token: string, caller: string): Promise<QueueStatusView> {
  return statusOfTicket(deps, ownTicket(deps, token, caller), token);
}

export async function statusOfTicket(deps: QueueDeps, ticket: QueueTicket, token: string): Promise<QueueStatusView> {
  const read = await deps.store.view(ticket.sessionId, ticket.place);
  if (!read) throw new AppError('NOT_FOUND', 'session not found');
  return {
    queueToken: token,
    sessionId: ticket.sessionId,
    place: ticket.place,
    ...statusOfPlace(ticket.place, read.view, deps.now()),
  };
}
