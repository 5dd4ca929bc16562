import type { MikroORM } from '@mikro-orm/postgresql';
import type { MethodSpec } from '@ticketing/grpc-kit';

/** The reservation use cases arrive with their issues; until then the contract's methods answer NOT_IMPLEMENTED. */
export function reservationHandlers(_orm: MikroORM): Record<string, MethodSpec> {
  return {};
}
