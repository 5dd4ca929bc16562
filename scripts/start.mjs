// npm start: dependencies, infrastructure, build, then the gateway and the five services as
// separate processes (each migrates its own database at boot). Ctrl-C stops them all cleanly.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, build, ensureDependencies, ensureInfrastructure, step } from './lib.mjs';

ensureDependencies();
ensureInfrastructure();
build();

step('starting auth, catalog, queue, reservation, payment, the sandbox payment provider and the gateway');
const require = createRequire(import.meta.url);
const { startSystem } = require(path.join(ROOT, 'packages', 'system-runner'));
const logDir = path.join(ROOT, '.run', 'logs');
// A development admin so the admin API can be tried at once; override both for anything shared.
const admin = {
  email: process.env.BOOTSTRAP_ADMIN_EMAIL ?? 'admin@ticketing.local',
  password: process.env.BOOTSTRAP_ADMIN_PASSWORD ?? 'DevAdmin-2026',
};

let system;
try {
  system = await startSystem({
    logDir,
    readyTimeoutMs: 90_000,
    envFor: { auth: { BOOTSTRAP_ADMIN_EMAIL: admin.email, BOOTSTRAP_ADMIN_PASSWORD: admin.password } },
  });
} catch (error) {
  process.stderr.write(`\ncould not start the system: ${error.message}\nlogs: ${logDir}\n`);
  process.exit(1);
}

const base = system.gatewayUrl;
// The gRPC services serve /metrics on METRICS_PORT; the two HTTP processes on their own port.
const servicePorts = Object.entries(system.metricsPorts)
  .filter(([name, port]) => port !== system.ports[name])
  .map(([name, port]) => `${name} ${port}`)
  .join(', ');
process.stdout.write(`
Ticketing is up (ready: ${base}/readyz)
  API       ${base}/api/events
  API docs  ${base}/docs
  Payments  ${system.providerUrl} (the sandbox provider: its checkout pages have Pay and Fail buttons)
  Admin     ${admin.email} / ${admin.password}  (development only; POST ${base}/api/auth/login)
  Metrics   ${base}/metrics, ${system.providerUrl}/metrics; http://127.0.0.1:<port>/metrics of ${servicePorts}
  Logs      ${path.relative(process.cwd(), logDir) || logDir}/<process>.log
Press Ctrl-C to stop.
`);

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nstopping...\n');
  const codes = await system.stop();
  process.stdout.write(
    `stopped: ${Object.entries(codes)
      .map(([name, c]) => `${name}=${c}`)
      .join(' ')}\n`,
  );
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
for (const [name, child] of system.children) {
  child.once('exit', (code) => {
    if (stopping) return;
    process.stderr.write(`\n${name} exited unexpectedly (code ${code}):\n${system.stderrTail(name)}\n`);
    void stop(1);
  });
}
