import type { Metadata } from '@grpc/grpc-js';
import type { Logger } from '@ticketing/logger';

/** Who is calling, as proved by a verified token. */
export interface Principal {
  subject: string;
  roles: string[];
  /** The raw bearer token, forwarded when this service calls another on the caller's behalf. */
  token: string;
  /** When the token stops being valid (ms since the epoch), if the verifier read it. */
  expiresAt?: number;
}

/** Verifies a bearer token; throws AppError('TOKEN_INVALID') when it is not good. */
export type Authenticator = (token: string) => Promise<Principal>;

/** Who may call a method: anyone, any verified caller, or a caller holding one of the roles. */
export type AccessRule = 'public' | 'authenticated' | { roles: string[] };

/** Business facts of one call (action, ids, what was decided), for its log line. */
export type LogFields = Record<string, unknown>;

export interface CallContext {
  method: string;
  metadata: Metadata;
  principal: Principal | null;
  logger: Logger;
  /**
   * Adds fields to the call's own log line, so a call stays one line. `fields` runs only if the
   * line is written, after the call ends (it sees the final outcome); the call's own fields
   * (method, userId, outcome, latencyMs) win over these. Safe to pass on detached.
   */
  addLogFields: (fields: () => LogFields) => void;
}

export interface MethodSpec<Req = unknown, Res = unknown> {
  access: AccessRule;
  handle(request: Req, context: CallContext): Promise<Res>;
}

export interface StreamContext<Res = unknown> extends CallContext {
  /** Queues one message for the client; ignored once the client has gone. */
  send(message: Res): void;
  /** Aborted when the client has gone: it cancelled, its deadline passed or its connection dropped. */
  signal: AbortSignal;
}

/**
 * A server-streaming method. `stream` sends with `context.send` for as long as it runs: the call
 * ends OK when it resolves, and with the error's status and stable code when it throws. It must
 * return soon after `context.signal` aborts. Same access rules and log line as a unary call.
 */
export interface StreamMethodSpec<Req = unknown, Res = unknown> {
  access: AccessRule;
  stream(request: Req, context: StreamContext<Res>): Promise<void>;
}
