import { newPayment } from '../domain/sandbox-payment';
import { createPaymentStore } from './payment-store';

const modes = { delayMs: 0, duplicates: false, outOfOrder: false };
const payment = (n: number) =>
  newPayment({ pgPaymentId: `pg_${n}`, paymentId: `pay-${n}`, amount: 100, currency: 'USD', modes });

describe('payment store', () => {
  it('when a payment is added, then it is found by its provider id and by the merchant id', () => {
    const store = createPaymentStore();
    store.put(payment(1));
    expect(store.byPgId('pg_1')?.paymentId).toBe('pay-1');
    expect(store.byPaymentId('pay-1')?.pgPaymentId).toBe('pg_1');
    expect(store.byPgId('pg_2')).toBeUndefined();
  });

  it('when a payment is put again, then the new state replaces the old one under both ids', () => {
    const store = createPaymentStore();
    store.put(payment(1));
    store.put({ ...payment(1), status: 'SUCCEEDED' });
    expect(store.byPgId('pg_1')?.status).toBe('SUCCEEDED');
    expect(store.byPaymentId('pay-1')?.status).toBe('SUCCEEDED');
  });

  it('when more payments than the limit are added, then the oldest are forgotten, under both ids', () => {
    const store = createPaymentStore(2);
    for (const n of [1, 2, 3]) store.put(payment(n));
    expect(store.byPgId('pg_1')).toBeUndefined();
    expect(store.byPaymentId('pay-1')).toBeUndefined();
    expect(store.byPgId('pg_3')).toBeDefined();
    expect(store.size()).toBe(2);
  });

  it('when a known payment is updated at the limit, then nothing is forgotten', () => {
    const store = createPaymentStore(2);
    for (const n of [1, 2]) store.put(payment(n));
    store.put({ ...payment(1), status: 'FAILED' });
    expect(store.byPgId('pg_2')).toBeDefined();
    expect(store.size()).toBe(2);
  });
});
