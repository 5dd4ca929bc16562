import { readProviderConfig } from './config';

const SECRET = 'x'.repeat(32);

describe('readProviderConfig', () => {
  it('when only the secret is set, then every other setting has its default', () => {
    expect(readProviderConfig({ PAYMENT_WEBHOOK_SECRET: SECRET })).toEqual({
      HOST: '127.0.0.1',
      PORT: 8090,
      PAYMENT_WEBHOOK_SECRET: SECRET,
      PROVIDER_WEBHOOK_URL: 'http://127.0.0.1:8080/api/payments/callback',
      PROVIDER_PUBLIC_URL: undefined,
      WEBHOOK_DELAY_MS: 0,
      WEBHOOK_DUPLICATES: false,
      WEBHOOK_OUT_OF_ORDER: false,
      WEBHOOK_MAX_ATTEMPTS: 8,
      WEBHOOK_BACKOFF_MS: 200,
      WEBHOOK_TIMEOUT_MS: 5000,
      LOG_LEVEL: 'info',
    });
  });

  it('when the secret is missing or short, then start-up fails naming it without echoing it', () => {
    expect(() => readProviderConfig({})).toThrow(/PAYMENT_WEBHOOK_SECRET: .*\(unset\)/);
    expect(() => readProviderConfig({ PAYMENT_WEBHOOK_SECRET: 'short-secret' })).toThrow(
      /PAYMENT_WEBHOOK_SECRET: must be at least 32 characters \(got "\*\*\*"\)/,
    );
  });

  it('when the URLs are not http(s), then start-up fails naming each', () => {
    const bad = { PAYMENT_WEBHOOK_SECRET: SECRET, PROVIDER_WEBHOOK_URL: 'ftp://x', PROVIDER_PUBLIC_URL: 'nope' };
    expect(() => readProviderConfig(bad)).toThrow(/PROVIDER_WEBHOOK_URL: must be a URL like http/);
    expect(() => readProviderConfig(bad)).toThrow(/PROVIDER_PUBLIC_URL: must be a URL like http/);
  });

  it('when the public URL ends with a slash, then the slash is dropped so session URLs have one', () => {
    const config = readProviderConfig({ PAYMENT_WEBHOOK_SECRET: SECRET, PROVIDER_PUBLIC_URL: 'http://pay.test:90/' });
    expect(config.PROVIDER_PUBLIC_URL).toBe('http://pay.test:90');
  });

  it('when the webhook modes are set, then they are read; a delay of 0 is allowed, negative is not', () => {
    const config = readProviderConfig({
      PAYMENT_WEBHOOK_SECRET: SECRET,
      WEBHOOK_DELAY_MS: '0',
      WEBHOOK_DUPLICATES: 'true',
      WEBHOOK_OUT_OF_ORDER: '1',
      WEBHOOK_MAX_ATTEMPTS: '3',
    });
    expect(config).toMatchObject({
      WEBHOOK_DELAY_MS: 0,
      WEBHOOK_DUPLICATES: true,
      WEBHOOK_OUT_OF_ORDER: true,
      WEBHOOK_MAX_ATTEMPTS: 3,
    });
    expect(() => readProviderConfig({ PAYMENT_WEBHOOK_SECRET: SECRET, WEBHOOK_DELAY_MS: '-1' })).toThrow(
      /WEBHOOK_DELAY_MS/,
    );
    expect(() => readProviderConfig({ PAYMENT_WEBHOOK_SECRET: SECRET, WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(
      /WEBHOOK_MAX_ATTEMPTS: must be a count/,
    );
  });
});
