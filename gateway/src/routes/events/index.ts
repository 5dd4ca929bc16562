import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { catalogV1 } from '@ticketing/contracts';
import { errorAnswers, Page, PageQuery } from '../schemas';
import { ResponseCache } from './response-cache';
import { EventParams, SessionSummary, toSessionSummary } from './schemas';

export const EventSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  description: Type.String(),
  venue: Type.String(),
  status: Type.Union([Type.Literal('DRAFT'), Type.Literal('PUBLISHED'), Type.Literal('CANCELLED')]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export function toEvent(event: catalogV1.Event__Output): Static<typeof EventSchema> {
  return {
    id: event.id,
    title: event.title,
    description: event.description,
    venue: event.venue,
    status: event.status as Static<typeof EventSchema>['status'],
    createdAt: event.createdAt,
    updatedAt: event.updatedAt,
  };
}

const SessionPage = Page(SessionSummary);

export interface EventRoutesOptions {
  /** How long the public session listing is served from memory (documented lag: at most ~1 s in all). */
  sessionListCacheMs?: number;
}

export default async function eventRoutes(app: FastifyInstance, options: EventRoutesOptions) {
  const sessionPages = new ResponseCache<Static<typeof SessionPage>>(options.sessionListCacheMs ?? 300);

  app.get<{ Querystring: Static<typeof PageQuery> }>(
    '/api/events',
    {
      config: { access: 'public' },
      schema: {
        tags: ['events'],
        summary: 'Published events, newest first',
        querystring: PageQuery,
        response: { 200: Page(EventSchema), ...errorAnswers({ access: 'public' }) },
      },
    },
    async (request) => {
      const page = await app.upstream<catalogV1.ListEventsResponse__Output>(
        'catalog',
        'listEvents',
        { pageSize: request.query.limit ?? 20, cursor: request.query.cursor ?? '' },
        request,
      );
      return { items: page.items.map(toEvent), nextCursor: page.nextCursor || null };
    },
  );

  app.get<{ Params: Static<typeof EventParams> }>(
    '/api/events/:eventId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['events'],
        summary: 'A published event',
        params: EventParams,
        response: { 200: EventSchema, ...errorAnswers({ access: 'public' }, 404) },
      },
    },
    async (request) =>
      toEvent(
        await app.upstream<catalogV1.Event__Output>(
          'catalog',
          'getEvent',
          { eventId: request.params.eventId },
          request,
        ),
      ),
  );

  app.get<{ Params: Static<typeof EventParams>; Querystring: Static<typeof PageQuery> }>(
    '/api/events/:eventId/sessions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['events'],
        summary: 'Sessions of a published event, by start time, with remaining tickets and sales status',
        description:
          'Served from a cache of a few hundred milliseconds: remaining may lag the truth by up to a second.',
        params: EventParams,
        querystring: PageQuery,
        response: { 200: SessionPage, ...errorAnswers({ access: 'public' }, 404) },
      },
    },
    async (request) => {
      const { eventId } = request.params;
      const { limit = 20, cursor = '' } = request.query;
      return sessionPages.get(`${eventId}|${limit}|${cursor}`, async () => {
        const page = await app.upstream<catalogV1.ListSessionsResponse__Output>(
          'catalog',
          'listSessions',
          { eventId, pageSize: limit, cursor },
          request,
        );
        return { items: page.items.map(toSessionSummary), nextCursor: page.nextCursor || null };
      });
    },
  );
}
