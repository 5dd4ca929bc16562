import { AppError } from '@ticketing/errors';
import type { CallContext, MethodSpec, StreamContext, StreamMethodSpec } from '@ticketing/grpc-kit';

/**
 * A canned queue service for the gateway's tests. The session decides what Enter answers; the
 * token decides what GetStatus and WatchStatus do.
 */
export const QUEUE_SESSION = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
export const NO_QUEUE_SESSION = '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e';
export const FULL_SESSION = '7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f';

export const TOKENS = {
  /** Status and stream: WAITING (stream: then closer, then ADMITTED, then the end). */
  waiting: 'qt1.d2FpdGluZw.c2ln',
  /** Status and stream: ADMITTED, then the end. */
  admitted: 'qt1.YWRtaXR0ZWQ.c2ln',
  /** Stream: WAITING, then open until cancelled. */
  open: 'qt1.b3Blbg.c2ln',
  /** Stream: nothing, open until cancelled. */
  silent: 'qt1.c2lsZW50.c2ln',
  /** Stream: WAITING after 150 ms, then open until cancelled. */
  late: 'qt1.bGF0ZQ.c2ln',
  /** Stream: WAITING, then the queue fails. */
  breaking: 'qt1.YnJlYWtpbmc.c2ln',
  /** Another user's: FORBIDDEN before anything. */
  foreign: 'qt1.Zm9yZWlnbg.c2ln',
} as const;

export const waiting = {
  queueToken: TOKENS.waiting,
  sessionId: QUEUE_SESSION,
  place: 7,
  ahead: 3,
  state: 'WAITING',
  allowed: false,
  expiresAt: '2027-03-01T10:00:00.000Z',
  estimatedWaitSeconds: 1,
};
const closer = { ...waiting, ahead: 1 };
export const admitted = {
  ...waiting,
  queueToken: TOKENS.admitted,
  ahead: 0,
  state: 'ADMITTED',
  allowed: true,
  expiresAt: '2027-02-01T10:02:00.000Z',
  estimatedWaitSeconds: 0,
};

/** The REST shape of a status: `position` is the people still ahead. */
export const restStatus = (status: Omit<typeof waiting, 'queueToken'>) => ({
  position: status.ahead,
  allowed: status.allowed,
  expiresAt: status.expiresAt,
  state: status.state,
  estimatedWaitSeconds: status.estimatedWaitSeconds,
});

export interface Watch {
  token: string;
  caller: unknown;
  /** Aborted when the gateway cancelled the call. */
  signal: AbortSignal;
}
export interface Received {
  enter: Array<{ request: any; caller: unknown }>;
  getStatus: Array<{ request: any; caller: unknown }>;
  watchStatus: Watch[];
}

export interface FakeQueue {
  methods: Record<string, MethodSpec | StreamMethodSpec>;
  received: Received;
  /** Resolves once the gateway cancelled the watch. */
  cancelled(watch: Watch): Promise<void>;
  callCount(): number;
  reset(): void;
}

const notFound = () => new AppError('NOT_FOUND', 'no such session or queue token');
const foreign = () => new AppError('FORBIDDEN', 'this queue token belongs to another user');
const untilCancelled = (signal: AbortSignal) =>
  signal.aborted
    ? Promise.resolve()
    : new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));

function enter(request: { sessionId: string }) {
  if (request.sessionId === QUEUE_SESSION) return waiting;
  if (request.sessionId === NO_QUEUE_SESSION) throw new AppError('QUEUE_NOT_ENABLED');
  if (request.sessionId === FULL_SESSION)
    throw new AppError('QUEUE_FULL', 'the waiting room is full', { retryAfterSeconds: 12 });
  throw notFound();
}

function getStatus(request: { queueToken: string }) {
  if (request.queueToken === TOKENS.waiting) return waiting;
  if (request.queueToken === TOKENS.admitted) return admitted;
  if (request.queueToken === TOKENS.foreign) throw foreign();
  throw notFound();
}

async function watchStatus(request: { queueToken: string }, context: StreamContext): Promise<void> {
  switch (request.queueToken) {
    case TOKENS.waiting:
      return [waiting, closer, admitted].forEach((status) => context.send(status));
    case TOKENS.admitted:
      return context.send(admitted);
    case TOKENS.open:
      context.send(waiting);
      return untilCancelled(context.signal);
    case TOKENS.silent:
      return untilCancelled(context.signal);
    case TOKENS.late:
      await new Promise((resolve) => setTimeout(resolve, 150));
      context.send(waiting);
      return untilCancelled(context.signal);
    case TOKENS.breaking:
      context.send(waiting);
      throw new AppError('SERVICE_UNAVAILABLE');
    case TOKENS.foreign:
      throw foreign();
    default:
      throw notFound();
  }
}

export function fakeQueue(): FakeQueue {
  const received: Received = { enter: [], getStatus: [], watchStatus: [] };
  const caller = (context: CallContext) => context.metadata.get('authorization')[0];
  const recorded = (method: 'enter' | 'getStatus', answer: (request: any) => unknown): MethodSpec => ({
    access: 'public',
    handle: async (request, context) => {
      received[method].push({ request, caller: caller(context) });
      return answer(request);
    },
  });
  const watch: StreamMethodSpec<{ queueToken: string }> = {
    access: 'public',
    stream: async (request, context) => {
      received.watchStatus.push({ token: request.queueToken, caller: caller(context), signal: context.signal });
      await watchStatus(request, context);
    },
  };
  return {
    methods: { enter: recorded('enter', enter), getStatus: recorded('getStatus', getStatus), watchStatus: watch },
    received,
    cancelled: (watched) => untilCancelled(watched.signal),
    callCount: () => received.enter.length + received.getStatus.length + received.watchStatus.length,
    reset: () => Object.values(received).forEach((list: unknown[]) => list.splice(0)),
  };
}
