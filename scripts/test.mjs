// npm test: dependencies, infrastructure, build, the code checks (lint, import boundaries, type
// check of every file including tests), then every test (unit, integration against the real
// PostgreSQL/Redis/NATS, end-to-end through all processes) in one jest run.
// The last line printed is always "N passed, N failed"; each code check counts as one test, and a
// failed check fails the run even when every jest test passes.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT, build, ensureDependencies, ensureInfrastructure, readJson, step } from './lib.mjs';

ensureDependencies();
ensureInfrastructure();
build();

const CHECKS = ['lint', 'boundaries', 'typecheck'];
const failedChecks = CHECKS.filter((check) => {
  step(`code check: npm run ${check}`);
  return spawnSync('npm', ['run', '--silent', check], { cwd: ROOT, stdio: 'inherit' }).status !== 0;
});

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
const failed = results.numFailedTests + brokenFiles + failedChecks.length;
const passed = results.numPassedTests + CHECKS.length - failedChecks.length;
const exitCode = jest.status !== 0 || failed > 0 || !results.success ? 1 : 0;
if (failedChecks.length > 0) process.stdout.write(`\ncode checks that failed: ${failedChecks.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(exitCode);
