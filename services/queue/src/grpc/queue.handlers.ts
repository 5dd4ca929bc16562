import type { queueV1 } from '@ticketing/contracts';
import type { MethodSpec, StreamMethodSpec } from '@ticketing/grpc-kit';
import type { QueueDeps } from '../app/deps';
import { enterQueue } from '../app/enter-queue';
import type { QueueStatusView } from '../app/queue-status-view';
import { readStatus } from '../app/read-status';
import type { WatchHub } from '../app/watch-hub';

const USER = { roles: ['USER'] };

/** Thin: the caller is the user named by the access token; the use cases do the rest. */
export function queueHandlers(deps: QueueDeps, hub: WatchHub): Record<string, MethodSpec | StreamMethodSpec> {
  const enter: MethodSpec<queueV1.EnterRequest__Output, queueV1.QueueStatus> = {
    access: USER,
    handle: async (request, context) => {
      const status = await enterQueue(deps, context.principal!.subject, request.sessionId);
      context.addLogFields(() => logFields('queue.enter', status));
      return toMessage(status);
    },
  };
  const getStatus: MethodSpec<queueV1.GetStatusRequest__Output, queueV1.QueueStatus> = {
    access: USER,
    handle: async (request, context) => {
      const status = await readStatus(deps, request.queueToken, context.principal!.subject);
      context.addLogFields(() => logFields('queue.status', status));
      return toMessage(status);
    },
  };
  // Browsers' EventSource cannot send an Authorization header: the token alone may watch its place.
  const watchStatus: StreamMethodSpec<queueV1.GetStatusRequest__Output, queueV1.QueueStatus> = {
    access: 'public',
    stream: async (request, context) => {
      let last: QueueStatusView | undefined;
      context.addLogFields(() => (last ? logFields('queue.watch', last) : { action: 'queue.watch' }));
      await hub.watch(request.queueToken, context.principal?.subject ?? null, context.signal, (status) => {
        last = status;
        context.send(toMessage(status));
      });
    },
  };
  return { enter, getStatus, watchStatus };
}

function toMessage(status: QueueStatusView): queueV1.QueueStatus {
  return {
    queueToken: status.queueToken,
    sessionId: status.sessionId,
    place: status.place,
    ahead: status.ahead,
    state: status.state,
    allowed: status.allowed,
    expiresAt: status.expiresAt === null ? '' : new Date(status.expiresAt).toISOString(),
    estimatedWaitSeconds: status.estimatedWaitSeconds,
  };
}

function logFields(action: string, status: QueueStatusView) {
  return { action, sessionId: status.sessionId, place: status.place, state: status.state };
}
