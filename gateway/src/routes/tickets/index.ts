import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { reservationV1 } from '@ticketing/contracts';
import { AppError } from '@ticketing/errors';
import { errorAnswers, Page, PageQuery } from '../schemas';
import { preferredImageType, renderQr } from './qr-image';
import { TicketParams, TicketSchema, toTicket } from './schemas';

const security = [{ bearerAuth: [] }];

const QR_DESCRIPTION =
  "The ticket's signed QR payload as a QR code, for the door scanner: SVG by default, PNG when Accept weighs " +
  'image/png higher. Not stored by shared caches.';

/** The answer depends on Accept; CORS may already have named Origin. */
function varyOnAccept(reply: FastifyReply) {
  const vary = reply.getHeader('vary');
  reply.header('vary', vary ? `${String(vary)}, Accept` : 'Accept');
}

export default async function ticketRoutes(app: FastifyInstance) {
  app.get<{ Querystring: Static<typeof PageQuery> }>(
    '/api/me/tickets',
    {
      config: { access: 'user' },
      schema: {
        tags: ['tickets'],
        summary: 'Your tickets, newest first: one per unit or seat of each order',
        security,
        querystring: PageQuery,
        response: { 200: Page(TicketSchema), ...errorAnswers({ access: 'user' }) },
      },
    },
    async (request) => {
      const page = await app.upstream<reservationV1.ListMyTicketsResponse__Output>(
        'reservation',
        'listMyTickets',
        { pageSize: request.query.limit ?? 20, cursor: request.query.cursor ?? '' },
        request,
      );
      return { items: page.items.map(toTicket), nextCursor: page.nextCursor || null };
    },
  );

  app.get<{ Params: Static<typeof TicketParams> }>(
    '/api/me/tickets/:ticketId/qr',
    {
      config: { access: 'user' },
      schema: {
        tags: ['tickets'],
        summary: 'The QR code of one of your valid tickets (409 CONFLICT for a cancelled one)',
        security,
        params: TicketParams,
        response: {
          200: {
            description: QR_DESCRIPTION,
            content: {
              'image/svg+xml': { schema: Type.String({ description: 'an SVG document' }) },
              'image/png': { schema: Type.String({ format: 'binary' }) },
            },
          },
          ...errorAnswers({ access: 'user' }, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const ticket = await app.upstream<reservationV1.Ticket__Output>(
        'reservation',
        'getMyTicket',
        { ticketId: request.params.ticketId },
        request,
      );
      // A cancelled ticket's payload is still validly signed: showing it would invite a scan that must fail.
      if (ticket.status !== 'VALID') throw new AppError('CONFLICT', 'this ticket was cancelled: it admits no one');
      const type = preferredImageType(request.headers.accept);
      const image = await renderQr(ticket.qrPayload, type);
      varyOnAccept(reply);
      return reply.header('cache-control', 'private, no-store').type(type).send(image);
    },
  );
}
