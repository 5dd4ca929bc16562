import type { ServerWritableStream } from '@grpc/grpc-js';
import { AppError, toGrpcError } from '@ticketing/errors';
import type { BindDeps } from './bind-service';
import { authorize, bearerToken, callContext, elapsed, statusName } from './call-context';
import type { LogFields, Principal, StreamMethodSpec, StreamContext } from './types';

type Call = ServerWritableStream<unknown, unknown>;

/** The grpc-js handler of a server-streaming method: one log line when the stream ends, however it ends. */
export function streamHandler(path: string, spec: StreamMethodSpec, deps: BindDeps): (call: Call) => void {
  return (call) => void runStream(path, spec, call, deps);
}

async function runStream(path: string, spec: StreamMethodSpec, call: Call, deps: BindDeps): Promise<void> {
  const started = performance.now();
  const gone = new AbortController();
  // grpc-js says 'cancelled' for a client's cancel, a passed deadline and a dropped connection alike.
  const onCancelled = () => gone.abort();
  call.once('cancelled', onCancelled);
  if (call.cancelled) gone.abort();
  let principal: Principal | null = null;
  let fields: () => LogFields = () => ({});
  let messages = 0;
  let failure: unknown;
  try {
    principal = await authorize(spec.access, bearerToken(call.metadata), deps.authenticate);
    const built = callContext(path, call.metadata, principal, deps.logger);
    fields = built.fields;
    const context: StreamContext = Object.assign(built.context, {
      signal: gone.signal,
      send: (message: unknown) => {
        if (gone.signal.aborted) return;
        messages += 1;
        call.write(message);
      },
    });
    await spec.stream(call.request, context);
  } catch (error) {
    failure = error;
  } finally {
    call.off('cancelled', onCancelled);
  }
  // After a cancel there is nobody to tell: the status would go nowhere.
  let code = 'CANCELLED';
  if (!gone.signal.aborted) {
    // grpc-js' own 'error' listener turns this into the call's status, trailers included.
    if (failure !== undefined) {
      const grpcError = toGrpcError(failure);
      code = statusName(grpcError.code);
      call.emit('error', grpcError);
    } else {
      code = 'OK';
      call.end();
    }
  }
  deps.onCallEnd?.(path, code, (performance.now() - started) / 1000);
  logEnd(
    deps,
    { action: path, ...fields(), method: path, userId: principal?.subject, messages },
    started,
    gone.signal,
    failure,
  );
}

function logEnd(deps: BindDeps, line: LogFields, started: number, signal: AbortSignal, failure: unknown): void {
  const appError = AppError.is(failure) ? failure : null;
  const level = signal.aborted || failure === undefined ? 'info' : (appError?.spec.level ?? 'error');
  if (!deps.logger.isLevelEnabled(level)) return;
  const outcome = signal.aborted ? 'CANCELLED' : failure === undefined ? 'ok' : (appError?.code ?? 'INTERNAL');
  const err = failure !== undefined && !appError && !signal.aborted ? { err: failure } : {};
  deps.logger[level](
    { ...line, outcome, latencyMs: elapsed(started), ...err },
    outcome === 'ok' || outcome === 'CANCELLED' ? 'grpc stream' : 'grpc stream failed',
  );
}
