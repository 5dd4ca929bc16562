import type { MethodSpec } from '@ticketing/grpc-kit';
import type { CatalogDeps } from '../app/deps';
import { auditHandlers } from '@ticketing/audit';
import { eventHandlers } from './event.handlers';
import { sessionHandlers } from './session.handlers';

/** Thin handlers: proto in, use case, proto out. Each call works on its own forked EntityManager. */
export function catalogHandlers(deps: CatalogDeps): Record<string, MethodSpec> {
  return { ...eventHandlers(deps), ...sessionHandlers(deps), ...auditHandlers(deps.orm) };
}
