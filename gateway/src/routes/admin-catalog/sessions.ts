import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { catalogV1 } from '@ticketing/contracts';
import { AdminSession, EventParams, SessionParams, toAdminSession } from '../events/schemas';
import { errorAnswers, Page, PageQuery } from '../schemas';
import { toCreateSessionRequest, toUpdateSessionRequest } from './mapping';
import { CreateSessionBody, UpdateSessionBody } from './schemas';

const admin = { access: 'admin' as const };
const security = [{ bearerAuth: [] }];
// A 10,000-seat map is a few hundred KB of JSON, far above the API-wide body limit.
const SEAT_MAP_BODY_LIMIT = 1024 * 1024;

export default async function adminSessionRoutes(app: FastifyInstance) {
  app.get<{ Params: Static<typeof EventParams>; Querystring: Static<typeof PageQuery> }>(
    '/api/admin/events/:eventId/sessions',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Sessions of an event in any status',
        security,
        params: EventParams,
        querystring: PageQuery,
        response: { 200: Page(AdminSession), ...errorAnswers(admin, 404) },
      },
    },
    async (request) => {
      const query = {
        eventId: request.params.eventId,
        pageSize: request.query.limit ?? 20,
        cursor: request.query.cursor ?? '',
        includeUnpublished: true,
      };
      const page = await app.upstream<catalogV1.ListSessionsResponse__Output>(
        'catalog',
        'listSessions',
        query,
        request,
      );
      return { items: page.items.map(toAdminSession), nextCursor: page.nextCursor || null };
    },
  );

  app.post<{ Params: Static<typeof EventParams>; Body: Static<typeof CreateSessionBody> }>(
    '/api/admin/events/:eventId/sessions',
    {
      config: admin,
      bodyLimit: SEAT_MAP_BODY_LIMIT,
      schema: {
        tags: ['admin'],
        summary: 'Add a session: totalStock for quantity seating, or seats for a seat map',
        security,
        params: EventParams,
        body: CreateSessionBody,
        response: { 201: AdminSession, ...errorAnswers({ ...admin, body: true }, 404, 409) },
      },
    },
    async (request, reply) => {
      const session = await app.upstream<catalogV1.Session__Output>(
        'catalog',
        'createSession',
        toCreateSessionRequest(request.params.eventId, request.body),
        request,
      );
      return reply.code(201).send(toAdminSession(session));
    },
  );

  app.get<{ Params: Static<typeof SessionParams> }>(
    '/api/admin/sessions/:sessionId',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'A session of an event in any status',
        security,
        params: SessionParams,
        response: { 200: AdminSession, ...errorAnswers(admin, 404) },
      },
    },
    async (request) =>
      toAdminSession(await app.upstream('catalog', 'getSession', { sessionId: request.params.sessionId }, request)),
  );

  app.patch<{ Params: Static<typeof SessionParams>; Body: Static<typeof UpdateSessionBody> }>(
    '/api/admin/sessions/:sessionId',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Change a session; totalStock may not drop below held + sold (409), a seat map is fixed',
        security,
        params: SessionParams,
        body: UpdateSessionBody,
        response: { 200: AdminSession, ...errorAnswers({ ...admin, body: true }, 404, 409) },
      },
    },
    async (request) =>
      toAdminSession(
        await app.upstream(
          'catalog',
          'updateSession',
          toUpdateSessionRequest(request.params.sessionId, request.body),
          request,
        ),
      ),
  );
}
