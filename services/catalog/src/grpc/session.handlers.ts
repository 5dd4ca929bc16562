import type { catalogV1 } from '@ticketing/contracts';
import type { MethodSpec } from '@ticketing/grpc-kit';
import { createSession } from '../app/create-session';
import type { CatalogDeps } from '../app/deps';
import { getSession } from '../app/get-session';
import { listSessions } from '../app/list-sessions';
import { updateSession } from '../app/update-session';
import { actorOf, canSeeUnpublished, isAdmin, minorUnits, toProtoSession } from './proto-mapping';

const ADMIN = { roles: ['ADMIN'] };

export function sessionHandlers(deps: CatalogDeps): Record<string, MethodSpec> {
  return {
    listSessions: {
      access: 'public',
      handle: async (
        request: catalogV1.ListSessionsRequest__Output,
        context,
      ): Promise<catalogV1.ListSessionsResponse> => {
        const includeUnpublished = canSeeUnpublished(request.includeUnpublished, context);
        const page = await listSessions(deps, {
          eventId: request.eventId,
          pageSize: request.pageSize,
          cursor: request.cursor,
          includeUnpublished,
        });
        return { items: page.items.map(toProtoSession), nextCursor: page.nextCursor };
      },
    },
    getSession: {
      access: 'public',
      // The request has no include_unpublished: an admin's token is what shows a draft's session.
      handle: async (request: catalogV1.GetSessionRequest__Output, context): Promise<catalogV1.Session> =>
        toProtoSession(await getSession(deps, request.sessionId, isAdmin(context))),
    },
    createSession: {
      access: ADMIN,
      handle: async (request: catalogV1.CreateSessionRequest__Output, context): Promise<catalogV1.Session> => {
        const created = await createSession(deps, actorOf(context), {
          eventId: request.eventId,
          startAt: request.startAt,
          salesOpenAt: request.salesOpenAt,
          salesCloseAt: request.salesCloseAt,
          priceMinor: minorUnits(request.price),
          currency: request.price?.currency ?? '',
          totalStock: request.seating === 'totalStock' ? request.totalStock : undefined,
          seats:
            request.seating === 'seatMap'
              ? (request.seatMap?.seats ?? []).map((s) => ({
                  label: s.label,
                  section: s.section,
                  priceMinor: s.price ? minorUnits(s.price) : null,
                  priceCurrency: s.price?.currency,
                }))
              : undefined,
          queueEnabled: request.queueEnabled,
          admissionRatePerSec: request.admissionRatePerSec,
          maxQueueLength: request.maxQueueLength,
        });
        return toProtoSession(await getSession(deps, created.id, true));
      },
    },
    updateSession: {
      access: ADMIN,
      handle: async (request: catalogV1.UpdateSessionRequest__Output, context): Promise<catalogV1.Session> => {
        const updated = await updateSession(deps, actorOf(context), {
          sessionId: request.sessionId,
          startAt: request.startAt,
          salesOpenAt: request.salesOpenAt,
          salesCloseAt: request.salesCloseAt,
          priceMinor: request.price ? minorUnits(request.price) : undefined,
          priceCurrency: request.price?.currency,
          totalStock: request.totalStock,
          queueEnabled: request.queueEnabled,
          admissionRatePerSec: request.admissionRatePerSec,
          maxQueueLength: request.maxQueueLength,
        });
        return toProtoSession(await getSession(deps, updated.id, true));
      },
    },
  };
}
