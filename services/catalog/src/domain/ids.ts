const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Whether a client-supplied id can name a row: ids are lowercase uuids, and anything else is
 * answered as not found instead of reaching PostgreSQL as a cast error.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
