import type { ServiceDefinition } from '@grpc/grpc-js';
import { bindService, type BindDeps } from './bind-service';
import { startGrpcServer, type GrpcServerHandle } from './server';
import type { MethodSpec, StreamMethodSpec } from './types';

/** One service on one server: the common case for every process in this system. */
export async function serveService(
  address: string,
  definition: ServiceDefinition,
  methods: Record<string, MethodSpec | StreamMethodSpec>,
  deps: BindDeps,
): Promise<GrpcServerHandle> {
  const implementation = bindService(definition, methods, deps);
  const handle = await startGrpcServer(address, [{ definition, implementation }]);
  deps.logger.info({ address, port: handle.port }, 'serving gRPC');
  return handle;
}
