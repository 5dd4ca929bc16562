export { runProcess, type RunningProcess } from './run-process';
export { stopAll } from './stop-all';
