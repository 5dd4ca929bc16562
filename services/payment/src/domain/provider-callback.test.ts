import { amountRefusal, parseCallbackBody } from './provider-callback';

const body = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('the body of a provider callback', () => {
  it('when it has every field, then it is read with the amount as a number of minor units', () => {
    expect(
      parseCallbackBody(body({ pgPaymentId: 'pg_1', status: 'SUCCESS', amount: 110000, currency: 'KRW' })),
    ).toEqual({
      ok: true,
      callback: { providerPaymentId: 'pg_1', status: 'SUCCESS', amountMinor: 110000, currency: 'KRW' },
    });
  });

  it.each([
    ['not JSON', '{"pgPaymentId":'],
    ['an array', []],
    ['no pgPaymentId', { status: 'SUCCESS', amount: 1, currency: 'KRW' }],
    ['an unknown status', { pgPaymentId: 'pg', status: 'MAYBE', amount: 1, currency: 'KRW' }],
    ['a fractional amount', { pgPaymentId: 'pg', status: 'FAIL', amount: 1.5, currency: 'KRW' }],
    ['a negative amount', { pgPaymentId: 'pg', status: 'FAIL', amount: -1, currency: 'KRW' }],
    ['an amount as text', { pgPaymentId: 'pg', status: 'FAIL', amount: '1', currency: 'KRW' }],
    ['a lower-case currency', { pgPaymentId: 'pg', status: 'FAIL', amount: 1, currency: 'krw' }],
    ['a pgPaymentId far too long', { pgPaymentId: 'p'.repeat(300), status: 'FAIL', amount: 1, currency: 'KRW' }],
  ])('when it is %s, then it is refused as INVALID_ARGUMENT', (_name, value) => {
    const parsed = parseCallbackBody(body(value));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.refusal.code).toBe('INVALID_ARGUMENT');
  });

  it('when amount and currency equal the payment, then nothing is refused; otherwise AMOUNT_MISMATCH says what differs', () => {
    const payment = { amountMinor: 110000, currency: 'KRW' };
    expect(amountRefusal(payment, { amountMinor: 110000, currency: 'KRW' })).toBeNull();
    expect(amountRefusal(payment, { amountMinor: 1, currency: 'KRW' })).toMatchObject({
      code: 'AMOUNT_MISMATCH',
      details: { expected: { amount: 110000, currency: 'KRW' }, received: { amount: 1, currency: 'KRW' } },
    });
    expect(amountRefusal(payment, { amountMinor: 110000, currency: 'USD' })?.code).toBe('AMOUNT_MISMATCH');
  });
});
