import type { reservationV1 } from '@ticketing/contracts';
import { AppError } from '@ticketing/errors';
import type { MethodSpec } from '@ticketing/grpc-kit';
import { cancelHold } from '../app/cancel-hold';
import { holdBatch, mayVouch, outcomeCounts } from '../app/hold-batch';
import type { ReservationDeps } from '../app/deps';
import type { HoldTickets } from '../app/hold-tickets';
import { getHold, getSessionSales, listMyReservations } from '../app/read-holds';
import { getMyTicket, listMyTickets } from '../app/read-tickets';
import { releaseHold } from '../app/release-hold';
import { auditHandlers } from '@ticketing/audit';
import {
  callerOf,
  isService,
  selectionOf,
  statusFilter,
  toProtoBatchResult,
  toProtoHold,
  toVouchedHold,
  toProtoSales,
  toProtoTicket,
} from './proto-mapping';

const BUYER = { roles: ['USER'] };

/** Thin handlers: proto in, use case, proto out. */
export function reservationHandlers(
  deps: ReservationDeps,
  holdTickets: HoldTickets,
  /** Service names whose SERVICE token may vouch for buyers in HoldBatch. */
  trustedGateways: readonly string[],
): Record<string, MethodSpec> {
  return {
    ...auditHandlers(deps.orm),
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
    // The gateway verified each buyer's token; its own token is verified here, once per batch.
    holdBatch: {
      access: { roles: ['SERVICE'] },
      handle: async (
        request: reservationV1.HoldBatchRequest__Output,
        context,
      ): Promise<reservationV1.HoldBatchResponse> => {
        if (!mayVouch(callerOf(context), trustedGateways))
          throw new AppError('FORBIDDEN', 'only a trusted gateway may hold for buyers');
        const answers = await holdBatch(holdTickets, request.items.map(toVouchedHold), context.logger);
        context.addLogFields(() => ({
          action: 'hold-batch',
          items: answers.length,
          outcomes: outcomeCounts(answers),
        }));
        return { results: answers.map(toProtoBatchResult) };
      },
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
