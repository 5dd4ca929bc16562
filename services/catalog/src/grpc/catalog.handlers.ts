import type { MikroORM } from '@mikro-orm/postgresql';
import type { MethodSpec } from '@ticketing/grpc-kit';
import type { catalogV1 } from '@ticketing/contracts';
import type { EventEntity } from '../db/event.entity';
import { listPublishedEvents } from '../app/list-events';

function toProtoEvent(event: EventEntity): catalogV1.Event {
  return {
    id: event.id,
    title: event.title,
    description: event.description,
    venue: event.venue,
    status: event.status,
    createdAt: event.createdAt.toISOString(),
    updatedAt: event.updatedAt.toISOString(),
  };
}

/** Thin handlers: proto in, use case, proto out. Each call works on its own forked EntityManager. */
export function catalogHandlers(orm: MikroORM): Record<string, MethodSpec> {
  return {
    listEvents: {
      access: 'public',
      handle: async (request: catalogV1.ListEventsRequest__Output): Promise<catalogV1.ListEventsResponse> => {
        const page = await listPublishedEvents(orm.em.fork(), request.pageSize, request.cursor);
        return { items: page.items.map(toProtoEvent), nextCursor: page.nextCursor };
      },
    },
  };
}
