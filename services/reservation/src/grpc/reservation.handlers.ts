import type { reservationV1 } from '@ticketing/contracts';
import type { MethodSpec } from '@ticketing/grpc-kit';
import { cancelHold } from '../app/cancel-hold';
import type { ReservationDeps } from '../app/deps';
import type { HoldTickets } from '../app/hold-tickets';
import { getHold, getSessionSales, listMyReservations } from '../app/read-holds';
import { getMyTicket, listMyTickets } from '../app/read-tickets';
import { releaseHold } from '../app/release-hold';
import {
  callerOf,
  isService,
  selectionOf,
  statusFilter,
  toProtoHold,
  toProtoSales,
  toProtoTicket,
} from './proto-mapping';

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
      handle: async (request: reservationV1.CancelRequest__Output, context): Promise<reservationV1.Hold> => {
        context.addLogFields(() => ({ action: 'cancel', holdId: request.holdId }));
        return toProtoHold(
          await cancelHold(deps, callerOf(context), {
            holdId: request.holdId,
            idempotencyKey: request.idempotencyKey,
            reason: request.reason,
          }),
        );
      },
    },
    listMyTickets: {
      access: BUYER,
      handle: async (
        request: reservationV1.ListMyTicketsRequest__Output,
        context,
      ): Promise<reservationV1.ListMyTicketsResponse> => {
        const page = await listMyTickets(deps, callerOf(context), {
          pageSize: request.pageSize,
          cursor: request.cursor,
        });
        return { items: page.items.map(toProtoTicket), nextCursor: page.nextCursor };
      },
    },
    getMyTicket: {
      access: BUYER,
      handle: async (request: reservationV1.GetMyTicketRequest__Output, context): Promise<reservationV1.Ticket> =>
        toProtoTicket(await getMyTicket(deps, callerOf(context), request.ticketId)),
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
