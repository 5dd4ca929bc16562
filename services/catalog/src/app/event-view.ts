import type { EventStatus } from '../domain/event-rules';

/** An event as the use cases hand it out: what the gRPC layer maps, whatever stores it. */
export interface EventView {
  id: string;
  title: string;
  description: string;
  venue: string;
  status: EventStatus;
  createdAt: Date;
  updatedAt: Date;
}
