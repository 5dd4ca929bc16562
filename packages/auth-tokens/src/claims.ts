/** The one place that says what an access token of this system looks like. */
export const TOKEN_ISSUER = 'ticketing-auth';
export const TOKEN_AUDIENCE = 'ticketing-api';
/** Ed25519 signatures: small keys, fast verification, no parameter choices to get wrong. */
export const TOKEN_ALGORITHM = 'EdDSA';

export const ROLES = ['USER', 'ADMIN', 'SERVICE'] as const;
export type Role = (typeof ROLES)[number];
