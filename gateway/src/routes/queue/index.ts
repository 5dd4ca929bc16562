import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { queueV1 } from '@ticketing/contracts';
import { errorAnswers } from '../schemas';
import { openEventStream, type EventStream } from './event-stream';
import { EnterBody, EntrySchema, StatusSchema, toEntry, toStatus, TokenQuery } from './schemas';

export interface QueueRoutesOptions {
  /** The wait for the stream's first status, as for any upstream answer. */
  firstEventWithinMs: number;
  heartbeatMs: number;
}

const security = [{ bearerAuth: [] }];
type Status = queueV1.QueueStatus__Output;

const EVENTS_DESCRIPTION =
  'Server-Sent Events. Each status is one event: `event:` its state, `id:` its number on this connection, `data:` ' +
  'the JSON of GET /api/queue/status. The first comes at once; then one per change; the stream ends after a ' +
  'final state (ADMITTED or EXPIRED). A comment line (`: ping`) keeps idle connections open.';

export default async function queueRoutes(app: FastifyInstance, options: QueueRoutesOptions) {
  app.post<{ Body: Static<typeof EnterBody> }>(
    '/api/queue/token',
    {
      config: { access: 'user' },
      schema: {
        tags: ['queue'],
        summary:
          "Enter a session's waiting room; entering again returns the same token and place (429 QUEUE_FULL when full)",
        security,
        body: EnterBody,
        response: { 201: EntrySchema, ...errorAnswers({ access: 'user', body: true }, 404, 409) },
      },
    },
    async (request, reply) => {
      const status = await app.upstream<Status>('queue', 'enter', { sessionId: request.body.sessionId }, request);
      return reply.code(201).send(toEntry(status));
    },
  );

  app.get<{ Querystring: Static<typeof TokenQuery> }>(
    '/api/queue/status',
    {
      config: { access: 'user' },
      schema: {
        tags: ['queue'],
        summary: 'Your state in the waiting room (the token owner only); poll it, or follow /api/queue/stream',
        security,
        querystring: TokenQuery,
        response: { 200: StatusSchema, ...errorAnswers({ access: 'user' }, 403, 404) },
      },
    },
    async (request) =>
      toStatus(await app.upstream<Status>('queue', 'getStatus', { queueToken: request.query.token }, request)),
  );

  const open = new Set<EventStream>();
  // Open streams would hold the server's close until their state is final: end them, clients reconnect.
  app.addHook('preClose', async () => open.forEach((stream) => stream.stop()));

  app.get<{ Querystring: Static<typeof TokenQuery> }>(
    '/api/queue/stream',
    {
      // A HEAD would open a watch on the queue whose events nobody reads.
      exposeHeadRoute: false,
      // Browsers' EventSource cannot send an Authorization header, so the queue token alone may open
      // the stream (it is unguessable and shows only its owner's place); a signed-in caller who is not
      // the token's owner is refused.
      config: { access: 'public' },
      schema: {
        tags: ['queue'],
        summary:
          'Your state in the waiting room as it changes, as Server-Sent Events; the queue token is enough ' +
          '(EventSource cannot send headers), and a signed-in caller must be its owner',
        security: [{}, ...security],
        querystring: TokenQuery,
        response: {
          200: {
            description: EVENTS_DESCRIPTION,
            content: { 'text/event-stream': { schema: Type.String({ description: 'UTF-8 event stream text' }) } },
          },
          ...errorAnswers({ access: 'public' }, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const upstream = app.upstreamStream<Status>('queue', 'watchStatus', { queueToken: request.query.token }, request);
      const stream = await openEventStream(upstream, (status) => ({ event: status.state, data: toStatus(status) }), {
        ...options,
        log: request.log,
      });
      open.add(stream);
      stream.body.once('close', () => open.delete(stream));
      // Sent as a stream body, so the onSend hooks still give it the headers of every answer.
      return reply
        .headers({ 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' })
        .type('text/event-stream; charset=utf-8')
        .send(stream.body);
    },
  );
}
