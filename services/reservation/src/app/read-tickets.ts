import { Sql } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { isUuid } from '../domain/hold-rules';
import { TicketRepository } from '../db/ticket.repository';
import type { ReservationDeps } from './deps';
import { decodeCursor, encodeCursor, pageLimit } from './page-cursor';
import type { Page } from './read-holds';
import { toTicketView, type TicketView } from './ticket-view';

/** The caller's tickets, newest first. */
export async function listMyTickets(
  deps: ReservationDeps,
  userId: string,
  query: { pageSize: number; cursor: string },
): Promise<Page<TicketView>> {
  const limit = pageLimit(query.pageSize);
  const found = await new TicketRepository(new Sql(deps.orm.em.fork())).pageOfUser(
    userId,
    decodeCursor(query.cursor),
    limit + 1,
  );
  const items = found.slice(0, limit);
  return {
    items: items.map((t) => toTicketView(t, deps.ticketQr)),
    nextCursor: found.length > limit ? encodeCursor(items[items.length - 1]!.seq) : '',
  };
}

/** Someone else's ticket is NOT_FOUND, like one that does not exist: a ticket id says nothing to others. */
export async function getMyTicket(deps: ReservationDeps, userId: string, ticketId: string): Promise<TicketView> {
  const ticket = isUuid(ticketId)
    ? await new TicketRepository(new Sql(deps.orm.em.fork())).findOfUser(ticketId, userId)
    : null;
  if (!ticket) throw new AppError('NOT_FOUND', 'ticket not found');
  return toTicketView(ticket, deps.ticketQr);
}
