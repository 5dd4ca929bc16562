import { credentials } from '@grpc/grpc-js';
import { createClient, SERVICE_NAMES, type ServiceClientOf, type ServiceName } from '@ticketing/contracts';
import type { GatewayConfig } from '../config';

export type Upstreams = { [S in ServiceName]: ServiceClientOf<S> } & {
  addresses: Record<ServiceName, string>;
  close(): void;
};

export function upstreamAddresses(config: GatewayConfig): Record<ServiceName, string> {
  return {
    auth: config.AUTH_GRPC_URL,
    catalog: config.CATALOG_GRPC_URL,
    queue: config.QUEUE_GRPC_URL,
    reservation: config.RESERVATION_GRPC_URL,
    payment: config.PAYMENT_GRPC_URL,
  };
}

/** One long-lived channel per upstream; grpc-js reconnects on its own when a service restarts. */
export function createUpstreams(addresses: Record<ServiceName, string>): Upstreams {
  const insecure = credentials.createInsecure();
  const clients = {
    auth: createClient('auth', addresses.auth, insecure),
    catalog: createClient('catalog', addresses.catalog, insecure),
    queue: createClient('queue', addresses.queue, insecure),
    reservation: createClient('reservation', addresses.reservation, insecure),
    payment: createClient('payment', addresses.payment, insecure),
  };
  return {
    ...clients,
    addresses,
    close: () => SERVICE_NAMES.forEach((name) => clients[name].close()),
  };
}
