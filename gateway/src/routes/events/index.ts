import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { catalogV1 } from '@ticketing/contracts';
import { Page, PageQuery, ProblemSchema } from '../schemas';

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

export default async function eventRoutes(app: FastifyInstance) {
  app.get<{ Querystring: Static<typeof PageQuery> }>(
    '/api/events',
    {
      config: { access: 'public' },
      schema: {
        tags: ['events'],
        summary: 'Published events, newest first',
        querystring: PageQuery,
        response: { 200: Page(EventSchema), '4xx': ProblemSchema, '5xx': ProblemSchema },
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
}
