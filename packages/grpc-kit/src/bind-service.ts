import type { sendUnaryData, ServerUnaryCall, ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import { AppError, toGrpcError } from '@ticketing/errors';
import type { Logger } from '@ticketing/logger';
import { streamHandler } from './bind-stream';
import { authorize, bearerToken, callContext, elapsed, statusName } from './call-context';
import type { Authenticator, LogFields, MethodSpec, Principal, StreamMethodSpec } from './types';

export interface BindDeps {
  logger: Logger;
  /** Absent until a service wires token verification; then only 'public' methods can be called. */
  authenticate?: Authenticator;
  /**
   * While a service is being built, its contract is ahead of its code: methods without a handler
   * then answer NOT_IMPLEMENTED instead of failing the boot. Off by default.
   */
  allowUnimplemented?: boolean;
  /**
   * Called once per call when its status is known: the method's path (`/pkg.Service/Method`), the
   * gRPC status name (`OK`, `NOT_FOUND`, ...) and the seconds it took. Metrics hook in here, so
   * this kit needs no metrics library.
   */
  onCallEnd?: (path: string, code: string, seconds: number) => void;
}

/**
 * Turns plain async handlers into a gRPC implementation with the same behaviour everywhere:
 * the caller's token is verified against the method's access rule, thrown errors become gRPC
 * errors with stable codes, and every call is one log line with its outcome and latency (and
 * whatever business fields the handler added to it). Unary methods take a `handle`, server-streaming
 * ones a `stream` (see StreamMethodSpec); client-streaming methods are not supported.
 * Every method in the definition must be implemented, so a forgotten RPC fails at boot, not at call time.
 */
export function bindService(
  definition: ServiceDefinition,
  methods: Record<string, MethodSpec | StreamMethodSpec>,
  deps: BindDeps,
): UntypedServiceImplementation {
  const implementation: UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(definition)) {
    if (method.requestStream) continue;
    // Handlers are keyed by the camelCase name proto-loader gives (`listEvents` for ListEvents).
    const spec = methods[method.originalName ?? name];
    if (!spec && !deps.allowUnimplemented) throw new Error(`gRPC method ${method.path} has no handler`);
    if (method.responseStream) {
      if (spec && !('stream' in spec))
        throw new Error(`gRPC method ${method.path} streams its answer: give it stream()`);
      implementation[name] = streamHandler(method.path, spec ?? NOT_IMPLEMENTED_STREAM, deps);
      continue;
    }
    if (spec && !('handle' in spec)) throw new Error(`gRPC method ${method.path} is unary: give it handle()`);
    const unary = spec ?? NOT_IMPLEMENTED;
    implementation[name] = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
      const started = performance.now();
      void runCall(method.path, unary, call, deps).then(
        (response) => {
          callback(null, response);
          deps.onCallEnd?.(method.path, 'OK', (performance.now() - started) / 1000);
        },
        (error: unknown) => {
          const grpcError = toGrpcError(error);
          callback(grpcError);
          deps.onCallEnd?.(method.path, statusName(grpcError.code), (performance.now() - started) / 1000);
        },
      );
    };
  }
  return implementation;
}

const notImplemented = async (): Promise<never> => {
  throw new AppError('NOT_IMPLEMENTED');
};
const NOT_IMPLEMENTED: MethodSpec = { access: 'public', handle: notImplemented };
const NOT_IMPLEMENTED_STREAM: StreamMethodSpec = { access: 'public', stream: notImplemented };

async function runCall(path: string, spec: MethodSpec, call: ServerUnaryCall<unknown, unknown>, deps: BindDeps) {
  const started = performance.now();
  let principal: Principal | null = null;
  let fields: () => LogFields = () => ({});
  try {
    principal = await authorize(spec.access, bearerToken(call.metadata), deps.authenticate);
    const built = callContext(path, call.metadata, principal, deps.logger);
    fields = built.fields;
    const response = await spec.handle(call.request, built.context);
    if (deps.logger.isLevelEnabled('info')) {
      deps.logger.info(
        {
          action: path,
          ...fields(),
          method: path,
          userId: principal?.subject,
          outcome: 'ok',
          latencyMs: elapsed(started),
        },
        'grpc call',
      );
    }
    return response;
  } catch (error) {
    const appError = AppError.is(error) ? error : null;
    const level = appError?.spec.level ?? 'error';
    // Log lines are built only when their level is on (a sale may run with info off).
    if (deps.logger.isLevelEnabled(level)) {
      deps.logger[level](
        {
          action: path,
          ...fields(),
          method: path,
          userId: principal?.subject,
          outcome: appError?.code ?? 'INTERNAL',
          latencyMs: elapsed(started),
          ...(appError ? {} : { err: error }),
        },
        'grpc call failed',
      );
    }
    throw error;
  }
}
