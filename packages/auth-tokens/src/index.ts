export { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, ROLES, type Role } from './claims';
export { createTokenVerifier, type TokenVerifierOptions } from './verifier';
export { jwksFromAuthService } from './jwks-from-auth';
export { cachedAuthenticator, type TokenCacheOptions } from './cached-authenticator';
export { authServiceAuthenticator, callerAuthenticator, VERIFIED_TOKEN_CACHE } from './auth-service-authenticator';
