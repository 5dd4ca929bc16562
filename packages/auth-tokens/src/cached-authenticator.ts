import type { Authenticator, Principal } from '@ticketing/grpc-kit';

export interface TokenCacheOptions {
  maxEntries: number;
  /** An entry is dropped after this long even if its token lives longer (a retired signing key stops counting by then). */
  maxAgeMs: number;
  now?: () => number;
}

function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Remembers tokens that verified, until their own expiry (at most `maxAgeMs`). In a flash sale
 * every buyer sends the same token again and again, and an Ed25519 check per call is one of the
 * largest costs of a hold. Only successes are kept, keyed by the exact token string; the
 * expiry is read from a token that has just been verified.
 */
export function cachedAuthenticator(authenticate: Authenticator, options: TokenCacheOptions): Authenticator {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { principal: Principal; until: number }>();
  return async (token) => {
    const cached = entries.get(token);
    if (cached && cached.until > now()) return cached.principal;
    if (cached) entries.delete(token);
    const principal = await authenticate(token);
    // The verifier read the expiry already; parse it here only for verifiers that do not say.
    const until = Math.min(principal.expiresAt ?? expiryOf(token) ?? 0, now() + options.maxAgeMs);
    if (until > now()) {
      if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(token, { principal, until });
    }
    return principal;
  };
}
