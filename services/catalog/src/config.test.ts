import { readCatalogConfig } from './config';

describe('catalog configuration', () => {
  it('when nothing is set, then every variable has its default', () => {
    expect(readCatalogConfig({})).toEqual({
      HOST: '127.0.0.1',
      PORT: 50052,
      METRICS_PORT: 9452,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ticketing_catalog',
      AUTH_GRPC_URL: '127.0.0.1:50051',
      NATS_URL: 'nats://127.0.0.1:4222',
      EVENT_SUBJECT_PREFIX: 'ticketing',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: 'ticketing:catalog:',
      SESSION_CACHE_TTL_MS: 500,
      LOG_LEVEL: 'info',
    });
  });

  it('when the subject prefix has a dot or a wildcard, then boot fails naming EVENT_SUBJECT_PREFIX', () => {
    expect(() => readCatalogConfig({ EVENT_SUBJECT_PREFIX: 'ticketing.prod' })).toThrow(
      /EVENT_SUBJECT_PREFIX: must be letters/,
    );
    expect(() => readCatalogConfig({ EVENT_SUBJECT_PREFIX: '>' })).toThrow(/EVENT_SUBJECT_PREFIX/);
  });

  it('when the session cache would hold data longer than a second, then boot fails naming it', () => {
    expect(() => readCatalogConfig({ SESSION_CACHE_TTL_MS: '5000' })).toThrow(/SESSION_CACHE_TTL_MS/);
    expect(readCatalogConfig({ SESSION_CACHE_TTL_MS: '0' }).SESSION_CACHE_TTL_MS).toBe(0);
  });

  it('when NATS_URL or REDIS_URL is not a URL of their kind, then boot fails naming it', () => {
    expect(() => readCatalogConfig({ NATS_URL: 'http://127.0.0.1:4222' })).toThrow(/NATS_URL/);
    expect(() => readCatalogConfig({ REDIS_URL: 'localhost' })).toThrow(/REDIS_URL/);
  });
});
