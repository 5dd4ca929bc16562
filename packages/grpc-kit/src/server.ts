import { Server, ServerCredentials, type ServiceDefinition, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { healthServiceName } from './health';

export interface ServiceRegistration {
  definition: ServiceDefinition;
  implementation: UntypedServiceImplementation;
}

export interface GrpcServerHandle {
  port: number;
  health: HealthImplementation;
  /** Reports NOT_SERVING, lets in-flight calls finish, and only forces close after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export async function startGrpcServer(address: string, services: ServiceRegistration[]): Promise<GrpcServerHandle> {
  const server = new Server({ 'grpc.max_receive_message_length': 4 * 1024 * 1024 });
  const names = services.map((s) => healthServiceName(s.definition));
  const health = new HealthImplementation(Object.fromEntries(['', ...names].map((n) => [n, 'SERVING'])));
  health.addToServer(server);
  for (const service of services) server.addService(service.definition, service.implementation);

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, boundPort) =>
      error ? reject(new Error(`cannot listen for gRPC on ${address}: ${error.message}`)) : resolve(boundPort),
    );
  });

  return {
    port,
    health,
    stop: (graceMs = 5000) =>
      new Promise<void>((resolve) => {
        for (const name of ['', ...names]) health.setStatus(name, 'NOT_SERVING');
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
