export { PROCESSES, REPO_ROOT, type ProcessName, type ProcessSpec } from './processes';
export { startSystem, type System, type SystemOptions } from './start-system';
export { databaseUrl, startIsolatedSystem, type IsolatedSystem } from './isolated-system';
export { isReady } from './readiness';
export { startNatsServer, type NatsServer, type NatsServerOptions } from './nats-server';
