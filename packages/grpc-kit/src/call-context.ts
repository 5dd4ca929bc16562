import { status, type Metadata } from '@grpc/grpc-js';
import { AppError } from '@ticketing/errors';
import type { Logger } from '@ticketing/logger';
import type { AccessRule, Authenticator, CallContext, LogFields, Principal } from './types';

export function bearerToken(metadata: Metadata): string | null {
  const header = metadata.get('authorization')[0];
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

export async function authorize(
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

/** The context a handler gets, and the business fields it added for the call's one log line. */
export function callContext(
  path: string,
  metadata: Metadata,
  principal: Principal | null,
  logger: Logger,
): { context: CallContext; fields(): LogFields } {
  let added: Array<() => LogFields> | undefined;
  let child: Logger | undefined;
  const context: CallContext = {
    method: path,
    metadata,
    principal,
    // A child logger per call is costly and most handlers never use it: built on first use.
    get logger() {
      return (child ??= logger.child({ method: path, userId: principal?.subject }));
    },
    addLogFields: (fields) => {
      (added ??= []).push(fields);
    },
  };
  return { context, fields: () => fieldsOf(added) };
}

export function fieldsOf(added: ReadonlyArray<() => LogFields> | undefined): LogFields {
  const fields: LogFields = {};
  for (const more of added ?? []) Object.assign(fields, more());
  return fields;
}

export function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

/** The status' name (`INTERNAL` for 13), as metrics label calls; TypeScript's numeric enums map back. */
export function statusName(code: number | undefined): string {
  return status[code ?? status.UNKNOWN] ?? 'UNKNOWN';
}
