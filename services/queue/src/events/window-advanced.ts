import { jetstream } from '@nats-io/jetstream';
import type { EventEnvelope, NatsConnection } from '@ticketing/nats-kit';
import type { PendingStep } from '../redis/window-store';

export const WINDOW_ADVANCED = 'queue.window.advanced';

export interface WindowAdvancedPayload {
  sessionId: string;
  from: number;
  upTo: number;
  admittedAt: string;
  expiresAt: string;
}

/**
 * Publishes a step and resolves on JetStream's ack. The same step always gives the same bytes and
 * `Nats-Msg-Id` (`sessionId:upTo`), so publishing it again after a crash is dropped by the server.
 */
export function windowStepPublisher(nats: NatsConnection, subjectPrefix: string) {
  const js = jetstream(nats);
  const subject = `${subjectPrefix}.${WINDOW_ADVANCED}`;
  return async (sessionId: string, step: PendingStep): Promise<void> => {
    const admittedAt = new Date(step.admittedAt).toISOString();
    const envelope: EventEnvelope<WindowAdvancedPayload> = {
      id: step.id,
      type: WINDOW_ADVANCED,
      occurredAt: admittedAt,
      payload: {
        sessionId,
        from: step.from,
        upTo: step.upTo,
        admittedAt,
        expiresAt: new Date(step.expiresAt).toISOString(),
      },
    };
    await js.publish(subject, JSON.stringify(envelope), { msgID: `${sessionId}:${step.upTo}` });
  };
}
