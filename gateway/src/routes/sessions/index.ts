import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { catalogV1 } from '@ticketing/contracts';
import { SessionDetail, SessionParams, toSessionDetail } from '../events/schemas';
import { errorAnswers } from '../schemas';

export default async function sessionRoutes(app: FastifyInstance) {
  app.get<{ Params: Static<typeof SessionParams> }>(
    '/api/sessions/:sessionId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['events'],
        summary: 'One session of a published event, with its seats when it has a seat map',
        params: SessionParams,
        response: { 200: SessionDetail, ...errorAnswers({ access: 'public' }, 404) },
      },
    },
    async (request) =>
      toSessionDetail(
        await app.upstream<catalogV1.Session__Output>(
          'catalog',
          'getSession',
          { sessionId: request.params.sessionId },
          request,
        ),
      ),
  );
}
