export { PROCESSES, REPO_ROOT, type ProcessName, type ProcessSpec } from './processes';
export { startSystem, type System, type SystemOptions } from './start-system';
export { startIsolatedSystem, type IsolatedSystem } from './isolated-system';
