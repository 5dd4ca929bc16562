import { ConfigError, env, loadConfig } from './index';

const shape = {
  PORT: env.port(8080),
  DATABASE_URL: env.postgresUrl(),
  REDIS_URL: env.redisUrl(),
  LOG_LEVEL: env.logLevel(),
  QUEUE_ENABLED: env.boolean(false),
};

describe('loadConfig', () => {
  it('when every variable is valid, then it returns typed values with defaults filled in', () => {
    const config = loadConfig(shape, { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', PORT: '9000' });
    expect(config).toEqual({
      PORT: 9000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'info',
      QUEUE_ENABLED: false,
    });
  });

  it('when DATABASE_URL is not a postgres URL, then the error names the variable and the bad value', () => {
    expect(() => loadConfig(shape, { DATABASE_URL: 'mysql://nope' })).toThrow(
      /DATABASE_URL: must be a URL like postgres/,
    );
    expect(() => loadConfig(shape, { DATABASE_URL: 'mysql://nope' })).toThrow(/got "mysql:\/\/nope"/);
  });

  it('when a required variable is missing, then the error says it is unset', () => {
    expect(() => loadConfig(shape, {})).toThrow(/DATABASE_URL: .*\(unset\)/);
  });

  it('when several variables are bad, then every one of them is listed', () => {
    try {
      loadConfig(shape, { DATABASE_URL: 'x', PORT: '70000', LOG_LEVEL: 'loud' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const names = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
      expect(names).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    }
  });

  it('when a secret is bad, then its value is not echoed in the message', () => {
    const secretShape = { JWT_SECRET: env.secret(16) };
    expect(() => loadConfig(secretShape, { JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: .*got "\*\*\*"/);
  });

  it('when a variable is set to the empty string, then the default applies', () => {
    expect(loadConfig({ PORT: env.port(8080) }, { PORT: '' }).PORT).toBe(8080);
  });

  it('when a byte size is a whole number of at least 1, then it is read; otherwise the message says bytes', () => {
    const sizes = { BODY_LIMIT_BYTES: env.bytes(64 * 1024) };
    expect(loadConfig(sizes, {}).BODY_LIMIT_BYTES).toBe(65536);
    expect(loadConfig(sizes, { BODY_LIMIT_BYTES: '1048576' }).BODY_LIMIT_BYTES).toBe(1048576);
    for (const bad of ['0', '-1', '1.5', 'lots'])
      expect(() => loadConfig(sizes, { BODY_LIMIT_BYTES: bad })).toThrow(/BODY_LIMIT_BYTES: .*bytes/);
  });

  it('when a count is a whole number of at least 1, then it is read; otherwise the message says a count', () => {
    const counts = { RATE_LIMIT_PER_MIN: env.count(600) };
    expect(loadConfig(counts, {}).RATE_LIMIT_PER_MIN).toBe(600);
    expect(loadConfig(counts, { RATE_LIMIT_PER_MIN: '3' }).RATE_LIMIT_PER_MIN).toBe(3);
    for (const bad of ['0', '2.5', 'many'])
      expect(() => loadConfig(counts, { RATE_LIMIT_PER_MIN: bad })).toThrow(/RATE_LIMIT_PER_MIN: .*count/);
  });

  it('when a host:port is malformed, then it is rejected', () => {
    const hp = { AUTH_GRPC_URL: env.hostPort('127.0.0.1:50051') };
    expect(loadConfig(hp, {}).AUTH_GRPC_URL).toBe('127.0.0.1:50051');
    expect(() => loadConfig(hp, { AUTH_GRPC_URL: 'http://x' })).toThrow(/AUTH_GRPC_URL: must be host:port/);
  });
});
