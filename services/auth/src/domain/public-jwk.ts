/** The members of a public JWK (RFC 7517/8037) that may leave the service; anything else is dropped. */
export interface PublicJwk {
  kty: string;
  crv: string;
  x: string;
  y?: string;
  kid: string;
  alg: string;
  use: string;
}

const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y', 'kid', 'alg', 'use'] as const;

/** An allow-list rather than deleting `d`: a private member we did not think of can never slip out. */
export function toPublicJwk(stored: object): PublicJwk {
  const picked: Record<string, string> = {};
  for (const member of PUBLIC_MEMBERS) {
    const value = (stored as Record<string, unknown>)[member];
    if (typeof value === 'string') picked[member] = value;
  }
  return picked as unknown as PublicJwk;
}
