import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import { AppError } from '@ticketing/errors';
import type { Authenticator, Principal } from '@ticketing/grpc-kit';
import { ROLES, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from './claims';

export interface TokenVerifierOptions {
  /** Where the public keys come from (the auth service's GetJwks, or its own key store). */
  loadJwks: () => Promise<JSONWebKeySet>;
  issuer?: string;
  audience?: string;
  /** An unknown `kid` triggers a reload, but never more often than this (a forged kid must not DoS auth). */
  minReloadIntervalMs?: number;
  clockToleranceSec?: number;
}

/**
 * Verifies access tokens locally against cached public keys. Keys are reloaded when a token
 * names a `kid` the cache does not know, so the signer can rotate keys without downtime.
 * Only EdDSA is accepted: `alg: none` and algorithm-confusion tokens fail before any key is used.
 */
export function createTokenVerifier(options: TokenVerifierOptions): Authenticator {
  const minReloadIntervalMs = options.minReloadIntervalMs ?? 5000;
  let keys: ReturnType<typeof createLocalJWKSet> | undefined;
  let loadedAt = 0;
  let loading: Promise<void> | undefined;

  const reload = () => {
    loading ??= options
      .loadJwks()
      .then((jwks) => {
        keys = createLocalJWKSet(jwks);
        loadedAt = Date.now();
      })
      .finally(() => (loading = undefined));
    return loading;
  };

  const verifyOnce = async (token: string) => {
    if (!keys) await reload();
    return jwtVerify(token, keys!, {
      algorithms: [TOKEN_ALGORITHM],
      issuer: options.issuer ?? TOKEN_ISSUER,
      audience: options.audience ?? TOKEN_AUDIENCE,
      clockTolerance: options.clockToleranceSec ?? 5,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
  };

  return async (token: string): Promise<Principal> => {
    try {
      let result;
      try {
        result = await verifyOnce(token);
      } catch (error) {
        const stale = Date.now() - loadedAt >= minReloadIntervalMs;
        if (!(error instanceof errors.JWKSNoMatchingKey) || !stale) throw error;
        await reload();
        result = await verifyOnce(token);
      }
      return { subject: result.payload.sub!, roles: parseRoles(result.payload.roles), token };
    } catch (error) {
      // Keys that cannot be fetched are our outage, not the caller's bad token.
      if (AppError.is(error)) throw new AppError('SERVICE_UNAVAILABLE', 'token keys are unavailable');
      throw new AppError('TOKEN_INVALID', reason(error));
    }
  };
}

function parseRoles(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((role) => (ROLES as readonly string[]).includes(role))) {
    throw new errors.JWTClaimValidationFailed('roles claim is missing or has an unknown role', {}, 'roles', 'check_failed');
  }
  return value as string[];
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `token claim "${error.claim}" is not valid`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'token algorithm not accepted';
  if (error instanceof errors.JWKSNoMatchingKey) return 'token signed by an unknown key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'token signature is not valid';
  if (error instanceof errors.JOSEError) return 'token is not valid';
  return 'token could not be verified';
}
