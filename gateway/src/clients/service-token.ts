import type { Client } from '@grpc/grpc-js';
import { unaryCall } from '@ticketing/grpc-kit';

/** The gateway's own access token (role SERVICE), for calls where it vouches for buyers. */
export type ServiceTokenSource = () => Promise<string>;

/** Renewed this long before it expires, so a call never leaves with a token about to lapse. */
const RENEW_BEFORE_MS = 60_000;

/**
 * Asks the auth service for the gateway's SERVICE token with the shared secret, when first needed
 * and again a minute before it expires. Callers at the same moment share one request; a failed
 * request is not kept, so the next caller tries again.
 */
export function authServiceToken(
  auth: Client,
  settings: { serviceName: string; secret: string; deadlineMs: number },
  now: () => number = Date.now,
): ServiceTokenSource {
  let current: { token: string; renewAt: number } | null = null;
  let pending: Promise<string> | null = null;
  const fetchToken = async (): Promise<string> => {
    const answer = await unaryCall<{ accessToken: string; expiresIn: number }>(
      auth,
      'issueServiceToken',
      { serviceName: settings.serviceName, secret: settings.secret },
      { deadlineMs: settings.deadlineMs },
    );
    current = { token: answer.accessToken, renewAt: now() + answer.expiresIn * 1000 - RENEW_BEFORE_MS };
    return answer.accessToken;
  };
  return () => {
    if (current && now() < current.renewAt) return Promise.resolve(current.token);
    pending ??= fetchToken().finally(() => {
      pending = null;
    });
    return pending;
  };
}
