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

export interface CallContext {
  method: string;
  metadata: Metadata;
  principal: Principal | null;
  logger: Logger;
}

export interface MethodSpec<Req = unknown, Res = unknown> {
  access: AccessRule;
  handle(request: Req, context: CallContext): Promise<Res>;
}
