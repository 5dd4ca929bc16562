import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '@ticketing/errors';
import { KEPT, type ErrorsPosition, type RecentErrors } from '../../clients/recent-errors';
import { errorAnswers, Page } from '../schemas';

const admin = { access: 'admin' as const };
const nullable = (description?: string) => Type.Union([Type.String(), Type.Null()], { description });

const ErrorsQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200, description: "the previous page's nextCursor" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

const FailedRequest = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  method: Type.String(),
  route: nullable('the route pattern; null when no route matched'),
  path: Type.String({ description: 'without the query string, at most 200 characters' }),
  status: Type.Integer({ minimum: 400, maximum: 599 }),
  code: nullable('the problem code the client got'),
  traceId: nullable('the traceId the client got, to find its logs and trace'),
  userId: nullable(),
});

const encode = (p: ErrorsPosition) => Buffer.from(JSON.stringify([p.id, p.pos])).toString('base64url');

function decode(cursor: string): ErrorsPosition {
  const parsed: unknown = (() => {
    try {
      return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
  })();
  const [id, pos] = Array.isArray(parsed) ? (parsed as unknown[]) : [];
  if (typeof id === 'string' && /^[A-Za-z0-9_-]{12}$/.test(id) && Number.isInteger(pos) && (pos as number) >= 0) {
    return { id, pos: Math.min(pos as number, KEPT) };
  }
  const message = 'is not a cursor this route gave';
  throw new AppError('VALIDATION_FAILED', `querystring/cursor ${message}`, {
    errors: [{ field: '/cursor', in: 'querystring', message }],
  });
}

/**
 * Recent failed requests of every gateway replica, newest first (see plugins/failed-requests for
 * which failures are kept and why).
 */
export default async function adminErrorsRoutes(app: FastifyInstance, options: { recentErrors: RecentErrors }) {
  app.get<{ Querystring: Static<typeof ErrorsQuery> }>(
    '/api/admin/errors',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Recent failed requests (5xx and unexpected 4xx) with their trace ids, newest first',
        security: [{ bearerAuth: [] }],
        querystring: ErrorsQuery,
        response: { 200: Page(FailedRequest), ...errorAnswers(admin) },
      },
    },
    async (request) => {
      const after = request.query.cursor === undefined ? null : decode(request.query.cursor);
      const { items, last } = await options.recentErrors.page(request.query.limit ?? 50, after);
      return { items, nextCursor: last ? encode(last) : null };
    },
  );
}
