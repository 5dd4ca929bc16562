import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '@ticketing/errors';
import type { commonV1 } from '@ticketing/contracts';
import { errorAnswers, Page } from '../schemas';
import { decodeCursor, mergePages, serviceCursor } from './audit-merge';
import { AUDITED_SERVICES, AuditItem, AuditQuery } from './schemas';

const admin = { access: 'admin' as const };

function utc(field: 'from' | 'to', value: string | undefined): string {
  if (value === undefined) return '';
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) {
    throw new AppError('VALIDATION_FAILED', `querystring/${field} is not a real instant`, {
      errors: [{ field: `/${field}`, in: 'querystring', message: 'is not a real instant' }],
    });
  }
  return time.toISOString();
}

/**
 * The audit trails of auth, catalog, payment and reservation as one, newest first. Every service is
 * asked at once under the usual deadline; if one cannot answer, the whole request fails (503/504)
 * rather than returning a page with a silent hole in it, which a cursor would then skip for good.
 */
export default async function adminAuditRoutes(app: FastifyInstance) {
  app.get<{ Querystring: Static<typeof AuditQuery> }>(
    '/api/admin/audit',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Who did what to which object, across services, newest first',
        security: [{ bearerAuth: [] }],
        querystring: AuditQuery,
        response: { 200: Page(AuditItem), ...errorAnswers(admin) },
      },
    },
    async (request) => {
      const { actor = '', action = '', objectType = '', objectId = '', limit = 50 } = request.query;
      const after = request.query.cursor === undefined ? null : decodeCursor(request.query.cursor);
      const [from, to] = [utc('from', request.query.from), utc('to', request.query.to)];
      if (from && to && from >= to) {
        throw new AppError('VALIDATION_FAILED', 'querystring/to must be after from', {
          errors: [{ field: '/to', in: 'querystring', message: 'must be after from' }],
        });
      }
      const filters = { actorId: actor, action, targetType: objectType, targetId: objectId, from, to, pageSize: limit };
      const pages = await Promise.all(
        AUDITED_SERVICES.map(async (service) => ({
          service,
          page: await app.upstream<commonV1.ListAuditResponse__Output>(
            service,
            'listAudit',
            { ...filters, cursor: serviceCursor(service, after) },
            request,
          ),
        })),
      );
      return mergePages(pages, limit);
    },
  );
}
