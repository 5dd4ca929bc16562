import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { reservationV1 } from '@ticketing/contracts';
import { errorAnswers, IdempotencyKeyHeaders, NoContent, Page, problems } from '../schemas';
import {
  HoldBody,
  HoldParams,
  HoldSchema,
  MyReservationsQuery,
  SalesParams,
  SalesQuery,
  SalesSchema,
  toHold,
  toSales,
} from './schemas';

const security = [{ bearerAuth: [] }];
const notAdmitted = {
  ...problems([403])[403],
  description: 'NOT_ADMITTED: the session has the waiting room on, and the queueToken is not an admitted one of yours',
};

/**
 * The body as the contract's oneof: a quantity, or seats. The queue token travels as it came:
 * the reservation service checks it against the admitted window, with no call to the queue.
 */
function holdRequest(body: Static<typeof HoldBody>, idempotencyKey: string): reservationV1.HoldRequest {
  const selection = 'seatIds' in body ? { seats: { seatIds: body.seatIds } } : { quantity: body.quantity };
  return { sessionId: body.sessionId, ...selection, idempotencyKey, queueToken: body.queueToken ?? '' };
}

export default async function reservationRoutes(app: FastifyInstance) {
  app.post<{ Body: Static<typeof HoldBody>; Headers: Static<typeof IdempotencyKeyHeaders> }>(
    '/api/reservations/hold',
    {
      config: { access: 'user' },
      schema: {
        tags: ['reservations'],
        summary:
          'Hold tickets (a quantity or seats) for a few minutes; retries with the same Idempotency-Key get the same hold',
        security,
        headers: IdempotencyKeyHeaders,
        body: HoldBody,
        response: { 201: HoldSchema, ...errorAnswers({ access: 'user', body: true }, 404, 409), 403: notAdmitted },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      // The route's access rule verified the token, so the principal is there.
      const { subject, roles } = request.principal!;
      const hold = await app.holdBatches.hold({
        userId: subject,
        roles,
        request: holdRequest(request.body, key),
        requestId: request.id,
      });
      return reply.code(201).send(toHold(hold));
    },
  );

  app.delete<{ Params: Static<typeof HoldParams> }>(
    '/api/reservations/hold/:holdId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['reservations'],
        summary: 'Give back an active hold of yours; its tickets go back on sale',
        security,
        params: HoldParams,
        response: {
          204: NoContent('Released: its tickets are back on sale'),
          ...errorAnswers({ access: 'user', body: true }, 404, 409),
        },
      },
    },
    async (request, reply) => {
      await app.upstream('reservation', 'release', { holdId: request.params.holdId }, request);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: Static<typeof HoldParams>; Headers: Static<typeof IdempotencyKeyHeaders> }>(
    '/api/reservations/:holdId/cancel',
    {
      config: { access: 'user' },
      schema: {
        tags: ['reservations'],
        summary:
          'Cancel a sold order of yours before its cut-off (409 CANCELLATION_CLOSED after): its tickets are ' +
          'cancelled, its stock returns and its payment is refunded',
        security,
        params: HoldParams,
        headers: IdempotencyKeyHeaders,
        response: { 200: HoldSchema, ...errorAnswers({ access: 'user', body: true }, 404, 409) },
      },
    },
    async (request) =>
      toHold(
        await app.upstream<reservationV1.Hold__Output>(
          'reservation',
          'cancel',
          { holdId: request.params.holdId, idempotencyKey: request.headers['idempotency-key'], reason: '' },
          request,
        ),
      ),
  );

  app.get<{ Params: Static<typeof HoldParams> }>(
    '/api/reservations/hold/:holdId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['reservations'],
        summary: 'One of your holds',
        security,
        params: HoldParams,
        response: { 200: HoldSchema, ...errorAnswers({ access: 'user' }, 404) },
      },
    },
    async (request) =>
      toHold(
        await app.upstream<reservationV1.Hold__Output>(
          'reservation',
          'getHold',
          { holdId: request.params.holdId },
          request,
        ),
      ),
  );

  app.get<{ Querystring: Static<typeof MyReservationsQuery> }>(
    '/api/me/reservations',
    {
      config: { access: 'user' },
      schema: {
        tags: ['reservations'],
        summary: 'Your holds and purchases, newest first',
        security,
        querystring: MyReservationsQuery,
        response: { 200: Page(HoldSchema), ...errorAnswers({ access: 'user' }) },
      },
    },
    async (request) => {
      const page = await app.upstream<reservationV1.ListMyReservationsResponse__Output>(
        'reservation',
        'listMyReservations',
        {
          pageSize: request.query.limit ?? 20,
          cursor: request.query.cursor ?? '',
          statuses: request.query.status ?? [],
        },
        request,
      );
      return { items: page.items.map(toHold), nextCursor: page.nextCursor || null };
    },
  );

  app.get<{ Params: Static<typeof SalesParams>; Querystring: Static<typeof SalesQuery> }>(
    '/api/admin/sessions/:sessionId/sales',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Sales of a session: counters and buyers in the order they bought',
        security,
        params: SalesParams,
        querystring: SalesQuery,
        response: { 200: SalesSchema, ...errorAnswers({ access: 'admin' }, 404) },
      },
    },
    async (request) =>
      toSales(
        await app.upstream<reservationV1.GetSessionSalesResponse__Output>(
          'reservation',
          'getSessionSales',
          {
            sessionId: request.params.sessionId,
            pageSize: request.query.limit ?? 20,
            cursor: request.query.cursor ?? '',
          },
          request,
        ),
      ),
  );
}
