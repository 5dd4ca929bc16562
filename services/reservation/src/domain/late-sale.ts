import { allowanceRefusal, stockRefusal, type EventStatus } from './hold-rules';
import { refuse, type Refusal } from './refusal';

/** What decides whether a payment that succeeded after its hold ended can still be honoured. */
export interface LateSaleFacts {
  eventStatus: EventStatus;
  startAt: Date;
  /** The session was deleted in catalog. */
  withdrawn: boolean;
  available: number;
  /** The buyer's ACTIVE + SOLD tickets in the session (the ended hold not among them). */
  alreadyTaken: number;
  quantity: number;
}

/**
 * The sale is honoured only as a new hold would be taken: stock left and the buyer within the
 * per-user limit. The sales window is not asked (the buyer paid inside it), but a cancelled,
 * withdrawn or started session is never sold. Seats are checked by the caller (they must be free).
 */
export function lateSaleRefusal(facts: LateSaleFacts, now: Date): Refusal | null {
  if (facts.eventStatus === 'CANCELLED' || facts.withdrawn) return refuse('SALES_CLOSED', 'the session is off sale');
  if (now.getTime() >= facts.startAt.getTime()) return refuse('SALES_CLOSED', 'the session has started');
  return allowanceRefusal(facts.alreadyTaken, facts.quantity) ?? stockRefusal(facts.available, facts.quantity);
}
