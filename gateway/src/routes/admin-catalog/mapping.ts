import type { Static } from '@sinclair/typebox';
import type { catalogV1 } from '@ticketing/contracts';
import { AppError } from '@ticketing/errors';
import type { CreateSessionBody, UpdateSessionBody } from './schemas';

const money = (amount: number, currency: string) => ({ amountMinor: String(amount), currency });

/** REST shape to the contract: a seat map or a count, prices as Money in the session's currency. */
export function toCreateSessionRequest(
  eventId: string,
  body: Static<typeof CreateSessionBody>,
): catalogV1.CreateSessionRequest {
  if (body.totalStock !== undefined && body.seats !== undefined) {
    // The contract's oneof cannot carry both, so this is the only place that can say so.
    throw new AppError(
      'VALIDATION_FAILED',
      'send either totalStock (quantity seating) or seats (a seat map), not both',
      {
        errors: [{ field: '/seats', message: 'must not be sent together with totalStock' }],
      },
    );
  }
  const seating = body.seats
    ? {
        seatMap: {
          seats: body.seats.map((s) => ({
            label: s.label,
            section: s.section ?? '',
            price: s.price === undefined ? null : money(s.price, body.currency),
          })),
        },
      }
    : body.totalStock !== undefined
      ? { totalStock: body.totalStock }
      : {};
  return {
    eventId,
    startAt: body.startAt,
    salesOpenAt: body.salesOpenAt ?? '',
    salesCloseAt: body.salesCloseAt ?? '',
    price: money(body.price, body.currency),
    ...seating,
    queueEnabled: body.queueEnabled ?? false,
    admissionRatePerSec: body.admissionRatePerSec ?? 0,
    maxQueueLength: body.maxQueueLength ?? 0,
  };
}

/** Only what the body has; the currency stays the session's (empty means "unchanged"). */
export function toUpdateSessionRequest(
  sessionId: string,
  body: Static<typeof UpdateSessionBody>,
): catalogV1.UpdateSessionRequest {
  const { price, ...rest } = body;
  return { sessionId, ...rest, price: price === undefined ? null : money(price, '') };
}
