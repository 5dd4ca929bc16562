import { admissionOf, type QueueTicket, type WindowStep } from '@ticketing/queue-tokens';
import { refuse, type Refusal } from './refusal';

/**
 * What a hold's queue token says, read before the hold joins its batch: the signature is the only
 * costly part of the check, and it needs nothing the transaction knows.
 */
export type QueuePass = { kind: 'MISSING' } | { kind: 'INVALID' } | { kind: 'PLACE'; place: number };

const MISSING: QueuePass = { kind: 'MISSING' };
const INVALID: QueuePass = { kind: 'INVALID' };

/** A token is good only for the user it was given to, in the session it was given for. */
export function queuePass(
  token: string,
  read: (token: string) => QueueTicket | null,
  userId: string,
  sessionId: string,
): QueuePass {
  if (token === '') return MISSING;
  const ticket = read(token);
  if (!ticket || ticket.userId !== userId || ticket.sessionId !== sessionId) return INVALID;
  return { kind: 'PLACE', place: ticket.place };
}

/** Null when the place is admitted and its time to hold runs; otherwise why not. */
export function queueRefusal(pass: QueuePass, steps: readonly WindowStep[], now: Date): Refusal | null {
  if (pass.kind === 'MISSING')
    return refuse('NOT_ADMITTED', 'this session has a waiting room: enter it and hold with its token', {
      reason: 'MISSING',
    });
  if (pass.kind === 'INVALID')
    return refuse('NOT_ADMITTED', 'this queue token is not yours for this session', { reason: 'INVALID' });
  const admission = admissionOf(steps, pass.place, now.getTime());
  if (admission.state === 'ADMITTED') return null;
  if (admission.state === 'WAITING')
    return refuse('NOT_ADMITTED', 'your turn has not come yet: keep your place in the queue', { reason: 'WAITING' });
  return refuse('NOT_ADMITTED', 'your time to hold has passed: enter the queue again', { reason: 'EXPIRED' });
}
