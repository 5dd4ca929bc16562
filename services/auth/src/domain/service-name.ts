/** Lower-case kebab names like "reservation" or "payment-worker": they end up in `sub` and in logs. */
const SERVICE_NAME = /^[a-z][a-z0-9-]{1,30}$/;

export function isValidServiceName(name: string): boolean {
  return SERVICE_NAME.test(name);
}

/** A service subject can never collide with a user id (a UUID has no colon). */
export function serviceSubject(name: string): string {
  return `service:${name}`;
}
