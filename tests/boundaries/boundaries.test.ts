import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

// Each import-boundary rule is proven twice: the repository passes it, and a fixture that breaks
// it on purpose (tests/boundaries/fixtures/<rule name>/, laid out like the repository) fails it.
const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(__dirname, 'fixtures');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const CLI = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** Runs the check exactly as `npm run boundaries` does and reads its "error <rule>: from → to" lines. */
function cruise(...targets: string[]): { status: number | null; violations: string[] } {
  const run = spawnSync(process.execPath, [CLI, '--config', CONFIG, ...targets], { cwd: ROOT, encoding: 'utf8' });
  const violations = [...run.stdout.matchAll(/^\s*error ([\w-]+): (.+)$/gm)].map((m) => `${m[1]}: ${m[2]}`);
  return { status: run.status, violations };
}

// The config is CommonJS so that dependency-cruiser and this test read the same rules.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { forbidden } = require(CONFIG) as { forbidden: Array<{ name: string }> };
const ruleNames = forbidden.map((rule) => rule.name);

describe('import boundaries', () => {
  it('when the repository is checked, then no rule is broken', () => {
    const { status, violations } = cruise('packages', 'services', 'gateway', 'tests/e2e');
    expect(violations).toEqual([]);
    expect(status).toBe(0);
  });

  it('when the rules are listed, then each has exactly one fixture and each fixture names a rule', () => {
    expect(readdirSync(FIXTURES).sort()).toEqual([...ruleNames].sort());
  });

  it.each(ruleNames)('when the fixture breaking "%s" is checked, then that rule and only it fails', (rule) => {
    const { status, violations } = cruise(path.join('tests/boundaries/fixtures', rule));
    expect(violations.map((v) => v.split(':')[0])).toEqual([rule]);
    expect(status).not.toBe(0);
  });
});
