export type { AccessRule, Authenticator, CallContext, LogFields, MethodSpec, Principal } from './types';
export { bindService, type BindDeps } from './bind-service';
export { startGrpcServer, type GrpcServerHandle, type ServiceRegistration } from './server';
export { serveService } from './serve';
export { createClient, unaryCall, bearerMetadata, type CallOptions } from './client';
export { checkHealth, healthServiceName } from './health';
