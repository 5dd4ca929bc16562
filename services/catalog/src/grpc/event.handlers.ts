import type { catalogV1 } from '@ticketing/contracts';
import type { MethodSpec } from '@ticketing/grpc-kit';
import { createEvent } from '../app/create-event';
import { deleteEvent } from '../app/delete-event';
import type { CatalogDeps } from '../app/deps';
import { getEvent } from '../app/get-event';
import { listEvents } from '../app/list-events';
import { updateEvent } from '../app/update-event';
import { actorOf, canSeeUnpublished, eventStatus, toProtoEvent } from './proto-mapping';

const ADMIN = { roles: ['ADMIN'] };

export function eventHandlers(deps: CatalogDeps): Record<string, MethodSpec> {
  return {
    listEvents: {
      access: 'public',
      handle: async (request: catalogV1.ListEventsRequest__Output, context): Promise<catalogV1.ListEventsResponse> => {
        const includeUnpublished = canSeeUnpublished(request.includeUnpublished, context);
        const page = await listEvents(deps.orm.em.fork(), {
          pageSize: request.pageSize,
          cursor: request.cursor,
          includeUnpublished,
        });
        return { items: page.items.map(toProtoEvent), nextCursor: page.nextCursor };
      },
    },
    getEvent: {
      access: 'public',
      handle: async (request: catalogV1.GetEventRequest__Output, context): Promise<catalogV1.Event> =>
        toProtoEvent(
          await getEvent(deps.orm.em.fork(), request.eventId, canSeeUnpublished(request.includeUnpublished, context)),
        ),
    },
    createEvent: {
      access: ADMIN,
      handle: async (request: catalogV1.CreateEventRequest__Output, context): Promise<catalogV1.Event> => {
        const status = request.status === 'EVENT_STATUS_UNSPECIFIED' ? 'DRAFT' : eventStatus(request.status);
        const event = await createEvent(deps, actorOf(context), {
          title: request.title,
          description: request.description,
          venue: request.venue,
          status,
        });
        return toProtoEvent(event);
      },
    },
    updateEvent: {
      access: ADMIN,
      handle: async (request: catalogV1.UpdateEventRequest__Output, context): Promise<catalogV1.Event> => {
        const event = await updateEvent(deps, actorOf(context), {
          eventId: request.eventId,
          title: request.title,
          description: request.description,
          venue: request.venue,
          status: request.status === undefined ? undefined : eventStatus(request.status),
        });
        return toProtoEvent(event);
      },
    },
    deleteEvent: {
      access: ADMIN,
      handle: async (
        request: catalogV1.DeleteEventRequest__Output,
        context,
      ): Promise<catalogV1.DeleteEventResponse> => {
        await deleteEvent(deps, actorOf(context), request.eventId);
        return {};
      },
    },
  };
}
