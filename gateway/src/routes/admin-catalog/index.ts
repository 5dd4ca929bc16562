import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { catalogV1 } from '@ticketing/contracts';
import { EventSchema, toEvent } from '../events';
import { EventParams } from '../events/schemas';
import { errorAnswers, NoContent, Page, PageQuery } from '../schemas';
import adminSessionRoutes from './sessions';
import { CreateEventBody, UpdateEventBody } from './schemas';

const admin = { access: 'admin' as const };
const security = [{ bearerAuth: [] }];

/** Everything under /api/admin needs the ADMIN role (the authentication plugin enforces it by path). */
export default async function adminCatalogRoutes(app: FastifyInstance) {
  app.get<{ Querystring: Static<typeof PageQuery> }>(
    '/api/admin/events',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Events in every status, newest first',
        security,
        querystring: PageQuery,
        response: { 200: Page(EventSchema), ...errorAnswers(admin) },
      },
    },
    async (request) => {
      const query = {
        pageSize: request.query.limit ?? 20,
        cursor: request.query.cursor ?? '',
        includeUnpublished: true,
      };
      const page = await app.upstream<catalogV1.ListEventsResponse__Output>('catalog', 'listEvents', query, request);
      return { items: page.items.map(toEvent), nextCursor: page.nextCursor || null };
    },
  );

  app.post<{ Body: Static<typeof CreateEventBody> }>(
    '/api/admin/events',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Create an event',
        security,
        body: CreateEventBody,
        response: { 201: EventSchema, ...errorAnswers({ ...admin, body: true }) },
      },
    },
    async (request, reply) => {
      const { title, description = '', venue, status = 'DRAFT' } = request.body;
      const event = await app.upstream<catalogV1.Event__Output>(
        'catalog',
        'createEvent',
        { title, description, venue, status },
        request,
      );
      return reply.code(201).send(toEvent(event));
    },
  );

  app.get<{ Params: Static<typeof EventParams> }>(
    '/api/admin/events/:eventId',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'An event in any status',
        security,
        params: EventParams,
        response: { 200: EventSchema, ...errorAnswers(admin, 404) },
      },
    },
    async (request) =>
      toEvent(
        await app.upstream(
          'catalog',
          'getEvent',
          { eventId: request.params.eventId, includeUnpublished: true },
          request,
        ),
      ),
  );

  app.patch<{ Params: Static<typeof EventParams>; Body: Static<typeof UpdateEventBody> }>(
    '/api/admin/events/:eventId',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Change an event; CANCELLED is final',
        security,
        params: EventParams,
        body: UpdateEventBody,
        response: { 200: EventSchema, ...errorAnswers({ ...admin, body: true }, 404, 409) },
      },
    },
    async (request) =>
      toEvent(
        await app.upstream('catalog', 'updateEvent', { eventId: request.params.eventId, ...request.body }, request),
      ),
  );

  app.delete<{ Params: Static<typeof EventParams> }>(
    '/api/admin/events/:eventId',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Delete an event and its sessions while none of its tickets is sold (else 409)',
        security,
        params: EventParams,
        response: {
          204: NoContent('Deleted, with its sessions'),
          ...errorAnswers({ ...admin, body: true }, 404, 409),
        },
      },
    },
    async (request, reply) => {
      await app.upstream('catalog', 'deleteEvent', { eventId: request.params.eventId }, request);
      return reply.code(204).send();
    },
  );

  await app.register(adminSessionRoutes);
}
