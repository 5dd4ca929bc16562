// npm run bench:<name> [-- flags]: installs, starts the servers and builds first, as `npm start`
// does, and only then loads the benchmark, whose modules need the dependencies and the builds
// (autocannon, pg, packages/*/dist) the moment they are imported. --skip-build skips the preparing.
import { ROOT, build, ensureDependencies, ensureInfrastructure } from './lib.mjs';

const BENCHMARKS = {
  hold: './bench/hold.mjs',
  sessions: './bench/sessions.mjs',
  queue: './bench/queue.mjs',
  callbacks: './bench/callbacks.mjs',
  sale: './bench/sale.mjs',
  drill: './bench/drill.mjs',
};
const [name, ...flags] = process.argv.slice(2);
const module = BENCHMARKS[name];
if (!module) {
  process.stderr.write(`usage: node scripts/bench.mjs <${Object.keys(BENCHMARKS).join('|')}> [flags]\n`);
  process.exit(2);
}
if (!flags.includes('--skip-build')) {
  ensureDependencies();
  ensureInfrastructure();
  build();
}
// The benchmark reads its flags from process.argv, as when it was run on its own.
process.argv = [process.argv[0], `${ROOT}/scripts/bench/${name}.mjs`, ...flags];
await import(module);
