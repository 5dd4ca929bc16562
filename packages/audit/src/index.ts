import type { MikroORM } from '@mikro-orm/postgresql';
import type { commonV1 } from '@ticketing/contracts';
import { AuditQueryInvalid, readAuditPage, type AuditPage, type AuditPageRequest } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import type { MethodSpec } from '@ticketing/grpc-kit';

/** One service's audit trail, newest first; a malformed filter or cursor is INVALID_ARGUMENT. */
async function listAudit(orm: MikroORM, request: AuditPageRequest): Promise<AuditPage> {
  try {
    return await readAuditPage(orm.em.fork(), request);
  } catch (error) {
    if (error instanceof AuditQueryInvalid) throw new AppError('INVALID_ARGUMENT', error.message);
    throw error;
  }
}

/**
 * ListAudit, the same RPC on every service that keeps an audit_log (auth, catalog, reservation,
 * payment), ADMIN only; the gateway merges their pages into one trail.
 */
export function auditHandlers(orm: MikroORM): Record<string, MethodSpec> {
  return {
    listAudit: {
      access: { roles: ['ADMIN'] },
      handle: async (request: commonV1.ListAuditRequest__Output): Promise<commonV1.ListAuditResponse> => {
        const page = await listAudit(orm, request);
        return {
          items: page.items.map((entry) => ({
            id: entry.id,
            actorId: entry.actorId ?? '',
            action: entry.action,
            targetType: entry.targetType,
            targetId: entry.targetId ?? '',
            metaJson: JSON.stringify(entry.meta),
            createdAt: entry.at,
          })),
          nextCursor: page.nextCursor,
        };
      },
    },
  };
}
