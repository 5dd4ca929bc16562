import { createTestDatabaseUrl, freePort, uniqueName } from './index';

describe('test kit names', () => {
  it('when two names are made for the same label, then they differ and are safe identifiers', () => {
    const a = uniqueName('Catalog Service!');
    const b = uniqueName('Catalog Service!');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^t_catalog_service_[a-z0-9_]+$/);
  });

  it('when a database URL is made, then it points at a fresh database on the test server', () => {
    const url = new URL(createTestDatabaseUrl('auth'));
    expect(url.protocol).toBe('postgres:');
    expect(url.pathname).toMatch(/^\/t_auth_/);
  });

  it('when a free port is asked for, then it can be listened on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
  });
});
