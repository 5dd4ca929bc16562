import { readAuthConfig } from './config';

const SECRET = 's'.repeat(32);

describe('auth configuration', () => {
  it('when only the service-token secret is set, then every other variable has its default', () => {
    expect(readAuthConfig({ SERVICE_TOKEN_SECRET: SECRET })).toEqual({
      HOST: '127.0.0.1',
      PORT: 50051,
      METRICS_PORT: 9451,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ticketing_auth',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: 'ticketing:auth:',
      LOG_LEVEL: 'info',
      ACCESS_TOKEN_TTL_SEC: 900,
      REFRESH_TOKEN_TTL_SEC: 1_209_600,
      SERVICE_TOKEN_TTL_SEC: 300,
      SERVICE_TOKEN_SECRET: SECRET,
      LOGIN_FREE_FAILURES_PER_PAIR: 5,
      LOGIN_FREE_FAILURES_PER_EMAIL: 100,
      LOGIN_FREE_FAILURES_PER_ADDRESS: 20,
      LOGIN_FIRST_DELAY_SEC: 1,
      LOGIN_MAX_DELAY_SEC: 900,
      LOGIN_MAX_DELAY_PER_EMAIL_SEC: 60,
      LOGIN_FAILURE_WINDOW_SEC: 900,
    });
  });

  it('when SERVICE_TOKEN_SECRET is missing, then boot fails naming it', () => {
    expect(() => readAuthConfig({})).toThrow(/SERVICE_TOKEN_SECRET/);
  });

  it('when SERVICE_TOKEN_SECRET is shorter than 32 characters, then boot fails without echoing it', () => {
    expect(() => readAuthConfig({ SERVICE_TOKEN_SECRET: 'short-secret' })).toThrow(
      /SERVICE_TOKEN_SECRET: must be at least 32/,
    );
    expect(() => readAuthConfig({ SERVICE_TOKEN_SECRET: 'short-secret' })).not.toThrow(/short-secret/);
  });

  it('when a number is not a positive integer, then boot fails naming the variable', () => {
    expect(() => readAuthConfig({ SERVICE_TOKEN_SECRET: SECRET, ACCESS_TOKEN_TTL_SEC: '0' })).toThrow(
      /ACCESS_TOKEN_TTL_SEC/,
    );
    expect(() => readAuthConfig({ SERVICE_TOKEN_SECRET: SECRET, LOGIN_FREE_FAILURES_PER_PAIR: 'five' })).toThrow(
      /LOGIN_FREE_FAILURES_PER_PAIR/,
    );
    expect(() => readAuthConfig({ SERVICE_TOKEN_SECRET: SECRET, LOGIN_FIRST_DELAY_SEC: '0' })).toThrow(
      /LOGIN_FIRST_DELAY_SEC/,
    );
    expect(() => readAuthConfig({ SERVICE_TOKEN_SECRET: SECRET, REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
  });

  it('when a longest log-in delay is shorter than the first delay, then boot fails naming both', () => {
    const config = { SERVICE_TOKEN_SECRET: SECRET, LOGIN_FIRST_DELAY_SEC: '120' };
    expect(() => readAuthConfig(config)).toThrow(
      /LOGIN_MAX_DELAY_PER_EMAIL_SEC: must be at least LOGIN_FIRST_DELAY_SEC/,
    );
    expect(() => readAuthConfig({ ...config, LOGIN_FIRST_DELAY_SEC: '1000' })).toThrow(
      /LOGIN_MAX_DELAY_SEC: must be at least LOGIN_FIRST_DELAY_SEC/,
    );
  });

  it('when the per-email allowance is below the per-pair one, then boot fails naming both', () => {
    expect(() =>
      readAuthConfig({
        SERVICE_TOKEN_SECRET: SECRET,
        LOGIN_FREE_FAILURES_PER_PAIR: '10',
        LOGIN_FREE_FAILURES_PER_EMAIL: '9',
      }),
    ).toThrow(/LOGIN_FREE_FAILURES_PER_EMAIL: must be at least LOGIN_FREE_FAILURES_PER_PAIR/);
  });

  it('when only one of the bootstrap admin variables is set, then boot fails naming both', () => {
    const error = /BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD: set both or neither/;
    expect(() => readAuthConfig({ SERVICE_TOKEN_SECRET: SECRET, BOOTSTRAP_ADMIN_EMAIL: 'admin@example.com' })).toThrow(
      error,
    );
    expect(() => readAuthConfig({ SERVICE_TOKEN_SECRET: SECRET, BOOTSTRAP_ADMIN_PASSWORD: 'Admin12345' })).toThrow(
      error,
    );
  });

  it('when the bootstrap admin password breaks the policy, then boot fails naming BOOTSTRAP_ADMIN_PASSWORD and what is missing', () => {
    expect(() =>
      readAuthConfig({
        SERVICE_TOKEN_SECRET: SECRET,
        BOOTSTRAP_ADMIN_EMAIL: 'admin@example.com',
        BOOTSTRAP_ADMIN_PASSWORD: 'admin',
      }),
    ).toThrow(/BOOTSTRAP_ADMIN_PASSWORD: password needs at least 8 characters, an upper-case letter, a digit/);
  });

  it('when the bootstrap admin email is not an address, then boot fails naming BOOTSTRAP_ADMIN_EMAIL', () => {
    expect(() =>
      readAuthConfig({
        SERVICE_TOKEN_SECRET: SECRET,
        BOOTSTRAP_ADMIN_EMAIL: 'admin',
        BOOTSTRAP_ADMIN_PASSWORD: 'Admin12345',
      }),
    ).toThrow(/BOOTSTRAP_ADMIN_EMAIL: must be an email address/);
  });

  it('when both bootstrap admin variables are good, then they are kept as given', () => {
    const config = readAuthConfig({
      SERVICE_TOKEN_SECRET: SECRET,
      BOOTSTRAP_ADMIN_EMAIL: 'Admin@Example.com',
      BOOTSTRAP_ADMIN_PASSWORD: 'Admin12345',
    });
    expect(config).toMatchObject({
      BOOTSTRAP_ADMIN_EMAIL: 'Admin@Example.com',
      BOOTSTRAP_ADMIN_PASSWORD: 'Admin12345',
    });
  });
});
