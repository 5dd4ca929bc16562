import type { reservationV1 } from '@ticketing/contracts';
import { AppError } from '@ticketing/errors';
import type { MethodSpec } from '@ticketing/grpc-kit';
import type { ReservationDeps } from '../app/deps';
import type { HoldTickets } from '../app/hold-tickets';
import { getHold, getSessionSales, listMyReservations } from '../app/read-holds';
import { releaseHold } from '../app/release-hold';
import { callerOf, isService, selectionOf, statusFilter, toProtoHold, toProtoSales } from './proto-mapping';

const BUYER = { roles: ['USER'] };

/** Thin handlers: proto in, use case, proto out. */
export function reservationHandlers(deps: ReservationDeps, holdTickets: HoldTickets): Record<string, MethodSpec> {
  return {
    hold: {
      access: BUYER,
      handle: async (request: reservationV1.HoldRequest__Output, context): Promise<reservationV1.Hold> =>
        toProtoHold(
          await holdTickets.hold(
            callerOf(context),
            {
              sessionId: request.sessionId,
              selection: selectionOf(request),
              idempotencyKey: request.idempotencyKey,
              queueToken: request.queueToken,
            },
            context.addLogFields,
          ),
        ),
    },
    release: {
      access: BUYER,
      handle: async (
        request: reservationV1.ReleaseRequest__Output,
        context,
      ): Promise<reservationV1.ReleaseResponse> => {
        await releaseHold(deps, callerOf(context), request.holdId);
        return {};
      },
    },
    getHold: {
      access: { roles: ['USER', 'SERVICE'] },
      handle: async (request: reservationV1.GetHoldRequest__Output, context): Promise<reservationV1.Hold> =>
        toProtoHold(await getHold(deps, { subject: callerOf(context), isService: isService(context) }, request.holdId)),
    },
    listMyReservations: {
      access: BUYER,
      handle: async (
        request: reservationV1.ListMyReservationsRequest__Output,
        context,
      ): Promise<reservationV1.ListMyReservationsResponse> => {
        const page = await listMyReservations(deps, callerOf(context), {
          pageSize: request.pageSize,
          cursor: request.cursor,
          statuses: statusFilter(request.statuses),
        });
        return { items: page.items.map(toProtoHold), nextCursor: page.nextCursor };
      },
    },
    cancel: {
      access: BUYER,
      handle: async () => {
        // A sold order is cancelled together with its refund, which arrives with the payment issue.
        throw new AppError('NOT_IMPLEMENTED', 'cancelling a purchase arrives with payments');
      },
    },
    getSessionSales: {
      access: { roles: ['ADMIN'] },
      handle: async (
        request: reservationV1.GetSessionSalesRequest__Output,
      ): Promise<reservationV1.GetSessionSalesResponse> =>
        toProtoSales(
          await getSessionSales(deps, {
            sessionId: request.sessionId,
            pageSize: request.pageSize,
            cursor: request.cursor,
          }),
        ),
    },
  };
}
