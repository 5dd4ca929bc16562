import type { commonV1 } from '@ticketing/contracts';
import type { MethodSpec } from '@ticketing/grpc-kit';
import type { CatalogDeps } from '../app/deps';
import { listAudit } from '../app/list-audit';

/** ListAudit, the same RPC on every service that keeps an audit_log; the gateway merges their pages. */
export function auditHandlers(deps: CatalogDeps): Record<string, MethodSpec> {
  return {
    listAudit: {
      access: { roles: ['ADMIN'] },
      handle: async (request: commonV1.ListAuditRequest__Output): Promise<commonV1.ListAuditResponse> => {
        const page = await listAudit(deps.orm.em.fork(), request);
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
