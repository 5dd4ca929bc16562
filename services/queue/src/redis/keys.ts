/**
 * Key names below the client's prefix. A session's keys share the hash tag `{sessionId}`, so its
 * scripts touch one slot; only the set of active sessions is global.
 */
export const keys = {
  /** Hash: the session's settings, stock flag, arrival counter, window and pending step. */
  meta: (sessionId: string) => `s:{${sessionId}}:meta`,
  /** Hash: userId -> `place:issuedAt:nonce`, the user's current ticket. */
  tickets: (sessionId: string) => `s:{${sessionId}}:tickets`,
  /** Sorted set: the window's steps until one TTL after they expired, member `from:upTo:expiresAt`, score upTo. */
  steps: (sessionId: string) => `s:{${sessionId}}:steps`,
  /** String: which queue instance moves this session's window now (SET NX PX). */
  lease: (sessionId: string) => `s:{${sessionId}}:lease`,
  /** Set: sessions with people waiting, i.e. the mover's work list. */
  active: () => 'active',
};

/** Ids become key names: only uuids, as the catalog gives them. */
export const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
