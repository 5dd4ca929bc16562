import { AppError } from '@ticketing/errors';
import type { Logger } from '@ticketing/logger';
import type { HoldCommand, HoldTickets } from './hold-tickets';
import type { HoldView } from './hold-view';

/** One buyer's hold as the gateway passes it on, with who it verified the buyer to be. */
export interface VouchedHold {
  userId: string;
  roles: readonly string[];
  command: HoldCommand;
  /** The HTTP request it came from, for the per-hold debug line. */
  requestId: string;
}

export type HoldBatchAnswer = { ok: true; hold: HoldView } | { ok: false; error: AppError };

/** Who may vouch for buyers: only the gateway's service identity, by default. */
export function mayVouch(subject: string, trustedServices: readonly string[]): boolean {
  return trustedServices.some((name) => subject === `service:${name}`);
}

/**
 * Many buyers' holds from one gateway call. Each item goes through `HoldTickets.hold` exactly as a
 * unary Hold would, in the order given: every valid item joins its session's group commit before
 * the next item is looked at, so the order of arrival at the gateway is the order the transaction
 * applies. Each item is answered on its own; roles are checked per item (a buyer must be a USER).
 * The call's log line carries the counts; each hold gets a debug line.
 */
export async function holdBatch(
  holdTickets: HoldTickets,
  items: readonly VouchedHold[],
  logger: Logger,
): Promise<HoldBatchAnswer[]> {
  const answers = items.map((item): Promise<HoldBatchAnswer> => {
    if (item.userId === '' || !item.roles.includes('USER')) {
      return Promise.resolve({ ok: false, error: new AppError('FORBIDDEN', 'holds are for signed-in buyers') });
    }
    const fields: Array<() => Record<string, unknown>> = [];
    return holdTickets
      .hold(item.userId, item.command, (more) => fields.push(more))
      .then(
        (hold): HoldBatchAnswer => {
          debugLine(logger, item, fields, 'OK');
          return { ok: true, hold };
        },
        (error: unknown): HoldBatchAnswer => {
          const appError = AppError.is(error) ? error : new AppError('INTERNAL');
          debugLine(logger, item, fields, appError.code);
          return { ok: false, error: appError };
        },
      );
  });
  return Promise.all(answers);
}

function debugLine(
  logger: Logger,
  item: VouchedHold,
  fields: Array<() => Record<string, unknown>>,
  outcome: string,
): void {
  if (!logger.isLevelEnabled('debug')) return;
  const line: Record<string, unknown> = { userId: item.userId, requestId: item.requestId, outcome };
  for (const more of fields) Object.assign(line, more());
  logger.debug(line, 'hold');
}

/** `{ OK: 12, SOLD_OUT: 3 }`: what the batch's one log line says about its items. */
export function outcomeCounts(answers: readonly HoldBatchAnswer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const key = answer.ok ? 'OK' : answer.error.code;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
