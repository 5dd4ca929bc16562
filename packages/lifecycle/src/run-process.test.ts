import { spawn } from 'node:child_process';
import path from 'node:path';

// Runs a tiny program through runProcess in a real child process, because signals and exit codes are the behaviour.
const fixture = path.join(__dirname, 'test', 'fixture-process.ts');

function runFixture(
  mode: string,
): Promise<{ code: number | null; stderr: string; stdout: string; child: ReturnType<typeof spawn> }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', fixture, mode], { stdio: 'pipe' });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      stdout += d;
      // Exactly one SIGTERM: a second one is the "stop now" signal, with another outcome.
      if (stdout.includes('ready') && !child.killed) child.kill('SIGTERM');
    });
    child.on('exit', (code) => resolve({ code, stderr, stdout, child }));
  });
}

describe('runProcess', () => {
  it('when boot fails, then the process exits 1 with one line naming the cause', async () => {
    const result = await runFixture('fail');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('fixture: failed to start: DATABASE_URL: cannot connect\n');
  });

  it('when SIGTERM arrives, then stop runs and the process exits 0', async () => {
    const result = await runFixture('ok');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('stopped-cleanly');
  });
});
