import type { reservationV1 } from '@ticketing/contracts';
import { encodeDetails } from '@ticketing/errors';
import type { CallContext } from '@ticketing/grpc-kit';
import { HOLD_STATUSES, type HoldStatus } from '../domain/hold-transitions';
import type { Selection } from '../domain/idempotency';
import type { HoldBatchAnswer, VouchedHold } from '../app/hold-batch';
import type { HoldView } from '../app/hold-view';
import type { SessionSales } from '../app/read-holds';
import type { TicketView } from '../app/ticket-view';

export function toProtoHold(hold: HoldView): reservationV1.Hold {
  return {
    holdId: hold.holdId,
    sessionId: hold.sessionId,
    userId: hold.userId,
    quantity: hold.quantity,
    seatIds: hold.seatIds,
    seatLabels: hold.seatLabels,
    status: hold.status,
    expiresAt: hold.expiresAt,
    event: hold.event,
    totalPrice: { amountMinor: String(hold.totalPrice.amountMinor), currency: hold.totalPrice.currency },
    tickets: (hold.tickets ?? []).map(toProtoTicket),
    createdAt: hold.createdAt,
    updatedAt: hold.updatedAt,
  };
}

export function toProtoTicket(ticket: TicketView): reservationV1.Ticket {
  return {
    ticketId: ticket.ticketId,
    code: ticket.code,
    qrPayload: ticket.qrPayload,
    seatId: ticket.seatId,
    seatLabel: ticket.seatLabel,
    holdId: ticket.holdId,
    sessionId: ticket.sessionId,
    status: ticket.status,
    event: ticket.event,
    issuedAt: ticket.issuedAt,
  };
}

/** The oneof as sent; a quantity of 0 still counts as a quantity (and is refused as one). */
export function selectionOf(request: reservationV1.HoldRequest__Output): Selection | null {
  if (request.selection === 'quantity') return { kind: 'QUANTITY', quantity: request.quantity ?? 0 };
  if (request.selection === 'seats') return { kind: 'SEATS', seatIds: request.seats?.seatIds ?? [] };
  return null;
}

/** UNSPECIFIED filters nothing. */
export function statusFilter(statuses: readonly string[]): HoldStatus[] {
  return statuses.filter((s): s is HoldStatus => (HOLD_STATUSES as readonly string[]).includes(s));
}

export function toProtoSales(sales: SessionSales): reservationV1.GetSessionSalesResponse {
  return {
    sessionId: sales.sessionId,
    total: sales.total,
    available: sales.available,
    held: sales.held,
    sold: sales.sold,
    ticketsSold: sales.ticketsSold,
    revenue: { amountMinor: String(sales.revenue.amountMinor), currency: sales.revenue.currency },
    buyers: sales.buyers.map((b) => ({
      userId: b.userId,
      holdId: b.id,
      quantity: b.quantity,
      seatLabels: b.seatLabels,
      status: b.status,
      createdAt: b.createdAt.toISOString(),
      updatedAt: b.updatedAt.toISOString(),
    })),
    nextCursor: sales.nextCursor,
  };
}

/** Methods that need a user run after bindService verified the token, so a principal is there. */
export const callerOf = (context: CallContext) => context.principal!.subject;

export const isService = (context: CallContext) => context.principal?.roles.includes('SERVICE') ?? false;

/** A batch item as the use case takes it; a missing request is an empty one (refused as invalid). */
export function toVouchedHold(item: reservationV1.HoldBatchItem__Output): VouchedHold {
  const request = item.request;
  return {
    userId: item.userId,
    roles: item.roles,
    requestId: item.requestId,
    command: {
      sessionId: request?.sessionId ?? '',
      selection: request ? selectionOf(request) : null,
      idempotencyKey: request?.idempotencyKey ?? '',
      queueToken: request?.queueToken ?? '',
    },
  };
}

export function toProtoBatchResult(answer: HoldBatchAnswer): reservationV1.HoldBatchResult {
  if (answer.ok) return { hold: toProtoHold(answer.hold) };
  const { code, message, details } = answer.error;
  return { error: { code, message, detailsJson: encodeDetails(details) } };
}
