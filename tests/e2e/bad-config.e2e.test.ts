import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '@ticketing/system-runner';

function runEntry(entry: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, entry)], {
      env: { ...process.env, ...env, PORT: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('a process started with bad configuration', () => {
  it.each([
    'services/auth/dist/main.js',
    'services/catalog/dist/main.js',
    'services/reservation/dist/main.js',
    'services/payment/dist/main.js',
  ])('when %s gets a DATABASE_URL that is not a URL, then it exits non-zero naming DATABASE_URL', async (entry) => {
    const result = await runEntry(entry, { DATABASE_URL: 'not a url' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/DATABASE_URL: must be a URL like postgres/);
  });

  it('when DATABASE_URL points at a server that is not there, then the service exits non-zero naming it', async () => {
    const result = await runEntry('services/catalog/dist/main.js', {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/ticketing_catalog',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^catalog: failed to start: DATABASE_URL: cannot connect to PostgreSQL at 127\.0\.0\.1:1/,
    );
  });

  it('when the gateway gets an upstream address without a port, then it exits naming the variable', async () => {
    const result = await runEntry('gateway/dist/main.js', { CATALOG_GRPC_URL: 'catalog.internal' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/CATALOG_GRPC_URL: must be host:port/);
  });

  it('when the queue gets a REDIS_URL of the wrong scheme, then it exits naming REDIS_URL', async () => {
    const result = await runEntry('services/queue/dist/main.js', { REDIS_URL: 'http://127.0.0.1:6379' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/REDIS_URL: must be a URL like redis:/);
  });
});
