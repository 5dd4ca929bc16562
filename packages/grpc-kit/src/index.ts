export type {
  AccessRule,
  Authenticator,
  CallContext,
  LogFields,
  MethodSpec,
  Principal,
  StreamContext,
  StreamMethodSpec,
} from './types';
export { bindService, type BindDeps } from './bind-service';
export { startGrpcServer, type GrpcServerHandle, type ServiceRegistration } from './server';
export { serveService } from './serve';
export { createClient, unaryCall, serverStream, bearerMetadata, type CallOptions, type ServerStream } from './client';
export { checkHealth, healthServiceName } from './health';
