import type Redis from 'ioredis';
import type { MethodSpec } from '@ticketing/grpc-kit';

/** The waiting room arrives with its issue; until then the contract's methods answer NOT_IMPLEMENTED. */
export function queueHandlers(_redis: Redis): Record<string, MethodSpec> {
  return {};
}
