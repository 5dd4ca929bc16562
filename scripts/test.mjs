// npm test: dependencies, infrastructure, build, then every test (unit, integration against the
// real PostgreSQL/Redis/NATS, end-to-end through all processes) in one jest run.
// The last line printed is always "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT, build, ensureDependencies, ensureInfrastructure, readJson, step } from './lib.mjs';

ensureDependencies();
ensureInfrastructure();
build();

step('running the test suite (jest)');
const resultsFile = path.join(ROOT, '.jest-results.json');
rmSync(resultsFile, { force: true });
const jest = spawnSync(
  process.execPath,
  [
    path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
    '--json',
    `--outputFile=${resultsFile}`,
    '--maxWorkers=2',
    ...process.argv.slice(2),
  ],
  { cwd: ROOT, stdio: 'inherit' },
);

if (!existsSync(resultsFile)) {
  process.stderr.write('jest produced no results file\n');
  process.exit(jest.status || 1);
}
const results = readJson(resultsFile);
// A file that fails to load runs no test; count it as a failure so it cannot hide.
const brokenFiles = results.numRuntimeErrorTestSuites ?? 0;
const failed = results.numFailedTests + brokenFiles;
const exitCode = jest.status !== 0 || failed > 0 || !results.success ? 1 : 0;
process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed\n`);
process.exit(exitCode);
