import type { PlaceStatus } from '../domain/queue-status';

/** What Enter, GetStatus and WatchStatus answer: a place's status with its signed token. */
export interface QueueStatusView extends PlaceStatus {
  queueToken: string;
  sessionId: string;
  place: number;
}

/** After these a watch has nothing more to say: SOLD_OUT and WAITING may still change. */
export function isFinal(status: QueueStatusView): boolean {
  return status.state === 'ADMITTED' || status.state === 'EXPIRED';
}
