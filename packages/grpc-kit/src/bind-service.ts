import type { sendUnaryData, ServerUnaryCall, ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import { AppError, toGrpcError } from '@ticketing/errors';
import type { Logger } from '@ticketing/logger';
import type { AccessRule, Authenticator, CallContext, LogFields, MethodSpec, Principal } from './types';

export interface BindDeps {
  logger: Logger;
  /** Absent until a service wires token verification; then only 'public' methods can be called. */
  authenticate?: Authenticator;
  /**
   * While a service is being built, its contract is ahead of its code: methods without a handler
   * then answer NOT_IMPLEMENTED instead of failing the boot. Off by default.
   */
  allowUnimplemented?: boolean;
}

/**
 * Turns plain async handlers into a gRPC implementation with the same behaviour everywhere:
 * the caller's token is verified against the method's access rule, thrown errors become gRPC
 * errors with stable codes, and every call is one log line with its outcome and latency (and
 * whatever business fields the handler added to it).
 * Every method in the definition must be implemented, so a forgotten RPC fails at boot, not at call time.
 */
export function bindService(
  definition: ServiceDefinition,
  methods: Record<string, MethodSpec>,
  deps: BindDeps,
): UntypedServiceImplementation {
  const implementation: UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(definition)) {
    if (method.requestStream || method.responseStream) continue;
    // Handlers are keyed by the camelCase name proto-loader gives (`listEvents` for ListEvents).
    const spec = methods[method.originalName ?? name];
    if (!spec && !deps.allowUnimplemented) throw new Error(`gRPC method ${method.path} has no handler`);
    implementation[name] = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
      void runCall(method.path, spec ?? NOT_IMPLEMENTED, call, deps).then(
        (response) => callback(null, response),
        (error: unknown) => callback(toGrpcError(error) as never),
      );
    };
  }
  return implementation;
}

const NOT_IMPLEMENTED: MethodSpec = {
  access: 'public',
  handle: async () => {
    throw new AppError('NOT_IMPLEMENTED');
  },
};

async function runCall(path: string, spec: MethodSpec, call: ServerUnaryCall<unknown, unknown>, deps: BindDeps) {
  const started = performance.now();
  let principal: Principal | null = null;
  let added: Array<() => LogFields> | undefined;
  try {
    principal = await authorize(spec.access, bearerToken(call), deps.authenticate);
    const caller = principal;
    let logger: CallContext['logger'] | undefined;
    const context: CallContext = {
      method: path,
      metadata: call.metadata,
      principal,
      // A child logger per call is costly and most handlers never use it: built on first use.
      get logger() {
        return (logger ??= deps.logger.child({ method: path, userId: caller?.subject }));
      },
      addLogFields: (fields) => {
        (added ??= []).push(fields);
      },
    };
    const response = await spec.handle(call.request, context);
    if (deps.logger.isLevelEnabled('info')) {
      deps.logger.info(
        { ...fieldsOf(added), method: path, userId: principal?.subject, outcome: 'ok', latencyMs: elapsed(started) },
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
          ...fieldsOf(added),
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

function bearerToken(call: ServerUnaryCall<unknown, unknown>): string | null {
  const header = call.metadata.get('authorization')[0];
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

async function authorize(
  rule: AccessRule,
  token: string | null,
  authenticate?: Authenticator,
): Promise<Principal | null> {
  if (rule === 'public') {
    // A public method still learns who is calling when a token is present and valid.
    if (!token || !authenticate) return null;
    return authenticate(token).catch(() => null);
  }
  if (!token) throw new AppError('UNAUTHENTICATED');
  if (!authenticate) throw new AppError('UNAUTHENTICATED', 'this service cannot verify tokens');
  const principal = await authenticate(token);
  if (rule !== 'authenticated' && !rule.roles.some((role) => principal.roles.includes(role))) {
    throw new AppError('FORBIDDEN');
  }
  return principal;
}

function fieldsOf(added: ReadonlyArray<() => LogFields> | undefined): LogFields {
  const fields: LogFields = {};
  for (const more of added ?? []) Object.assign(fields, more());
  return fields;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
