import {
  deliver,
  outcomeOf,
  pendingPayment,
  rowsOf,
  signedCallback,
  startTestPayment,
  type TestPayment,
} from './harness';
import { Client } from 'pg';
import { sleep } from '@ticketing/testing';
import { allPublished, publishedEvents } from './stream';

describe('provider callbacks', () => {
  let sys: TestPayment;

  beforeAll(async () => {
    sys = await startTestPayment('payment_callback');
  });
  afterAll(() => sys.close());

  const statusOf = async (paymentId: string) =>
    (await rowsOf(sys, 'select status from payment where id = $1', [paymentId]))[0]!.status;
  const historyOf = async (paymentId: string) =>
    (await rowsOf(sys, 'select status from payment_history where payment_id = $1 order by id', [paymentId])).map(
      (r) => r.status,
    );
  const outboxOf = async (paymentId: string) =>
    (await rowsOf(sys, "select type from outbox where payload->>'paymentId' = $1 order by seq", [paymentId])).map(
      (r) => r.type,
    );
  const webhooksOf = async (paymentId: string) =>
    (await rowsOf(sys, 'select outcome from received_webhook where payment_id = $1 order by id', [paymentId])).map(
      (r) => r.outcome,
    );

  it('paymentCompletionIsIdempotent: when the same SUCCESS arrives twice, then one change, one event, and both answer OK', async () => {
    const { payment, report } = await pendingPayment(sys, 'p1');
    const first = await deliver(sys, report('SUCCESS'));
    const second = await deliver(sys, report('SUCCESS'));
    expect(first).toEqual({ duplicate: false, paymentId: payment.paymentId, status: 'SUCCEEDED' });
    expect(second).toEqual({ duplicate: true, paymentId: payment.paymentId, status: 'SUCCEEDED' });
    expect(await historyOf(payment.paymentId)).toEqual(['PENDING', 'SUCCEEDED']);
    expect(await outboxOf(payment.paymentId)).toEqual(['payment.succeeded']);
    expect(await webhooksOf(payment.paymentId)).toEqual(['APPLIED', 'DUPLICATE']);
  });

  it('paymentCompletionIsIdempotent: when twenty identical callbacks arrive at once, then one state change, one event, all OK', async () => {
    const { payment, report } = await pendingPayment(sys, 'p2');
    const copy = signedCallback(report('SUCCESS'));
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => outcomeOf(sys.call('handleProviderCallback', copy))),
    );
    expect(answers.map((a) => a.code)).toEqual(Array(20).fill('OK'));
    expect(answers.filter((a) => a.value.duplicate === false)).toHaveLength(1);
    expect(answers.every((a) => a.value.status === 'SUCCEEDED')).toBe(true);
    expect(await historyOf(payment.paymentId)).toEqual(['PENDING', 'SUCCEEDED']);
    expect(await outboxOf(payment.paymentId)).toEqual(['payment.succeeded']);
    const outcomes = await webhooksOf(payment.paymentId);
    expect(outcomes.filter((o) => o === 'APPLIED')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'DUPLICATE')).toHaveLength(19);
    await allPublished(sys);
    const events = (await publishedEvents(sys.prefix, 'payment.')).filter(
      (e) => e.payload.paymentId === payment.paymentId,
    );
    expect(events.map((e) => e.type)).toEqual(['payment.succeeded']);
  });

  it('when webhooks for many payments arrive while a batch runs, then the next batch decides each in arrival order', async () => {
    const blocker = await pendingPayment(sys, 'b0');
    const succeeding = await Promise.all(['b1', 'b2', 'b3'].map((u) => pendingPayment(sys, u)));
    const failing = await pendingPayment(sys, 'b4');
    const refunded = await pendingPayment(sys, 'b5');
    // Holding the blocker's row lock keeps the first batch waiting, so what comes next queues for one batch.
    const lock = new Client({ connectionString: sys.url });
    await lock.connect();
    await lock.query('begin');
    await lock.query('select 1 from payment where id = $1 for update', [blocker.payment.paymentId]);
    const answers: Array<Promise<{ code: string }>> = [outcomeOf(deliver(sys, blocker.report('SUCCESS')))];
    await sleep(100);
    const inOrder = [
      refunded.report('SUCCESS'),
      ...succeeding.map((p) => p.report('SUCCESS')),
      failing.report('FAIL'),
      refunded.report('REFUNDED'),
      { ...failing.report('SUCCESS'), pgPaymentId: 'pg-nobody-made-this' },
    ];
    for (const body of inOrder) {
      answers.push(outcomeOf(deliver(sys, body)));
      await sleep(30);
    }
    await lock.query('commit');
    await lock.end();

    expect((await Promise.all(answers)).map((a) => a.code)).toEqual([
      'OK',
      'OK',
      'OK',
      'OK',
      'OK',
      'OK',
      'OK',
      'NOT_FOUND',
    ]);
    for (const p of [blocker, ...succeeding]) expect(await statusOf(p.payment.paymentId)).toBe('SUCCEEDED');
    expect(await historyOf(failing.payment.paymentId)).toEqual(['PENDING', 'FAILED']);
    expect(await outboxOf(failing.payment.paymentId)).toEqual(['payment.failed']);
    // Changed twice in one batch: one update to the last status, a history row and an event for each step.
    expect(await statusOf(refunded.payment.paymentId)).toBe('REFUNDED');
    expect(await historyOf(refunded.payment.paymentId)).toEqual(['PENDING', 'SUCCEEDED', 'REFUNDED']);
    expect(await outboxOf(refunded.payment.paymentId)).toEqual(['payment.succeeded', 'payment.refunded']);
    expect(await webhooksOf(refunded.payment.paymentId)).toEqual(['APPLIED', 'APPLIED']);
  });

  it('when the signature was made with another secret, then SIGNATURE_INVALID and nothing is recorded or changed', async () => {
    const { payment, report } = await pendingPayment(sys, 'p3');
    await expect(
      deliver(sys, report('SUCCESS'), { secret: 'a-forger-who-guessed-a-secret-of-32-chars' }),
    ).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
    const genuine = signedCallback(report('SUCCESS'));
    const tampered = Buffer.from(genuine.rawBody.toString().replace('"SUCCESS"', '"FAIL"'));
    for (const forged of [
      { rawBody: tampered, signature: genuine.signature },
      { rawBody: genuine.rawBody, signature: '' },
      { rawBody: genuine.rawBody, signature: 't=1,v1=00' },
    ]) {
      await expect(sys.call('handleProviderCallback', forged)).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
    }
    expect(await statusOf(payment.paymentId)).toBe('PENDING');
    expect(await webhooksOf(payment.paymentId)).toEqual([]);
  });

  it('when a genuine callback is replayed with an old timestamp, then SIGNATURE_EXPIRED and the payment stays PENDING', async () => {
    const { payment, report } = await pendingPayment(sys, 'p4');
    await expect(deliver(sys, report('SUCCESS'), { ageSec: 301 })).rejects.toMatchObject({ code: 'SIGNATURE_EXPIRED' });
    await expect(deliver(sys, report('SUCCESS'), { ageSec: -301 })).rejects.toMatchObject({
      code: 'SIGNATURE_EXPIRED',
    });
    expect(await statusOf(payment.paymentId)).toBe('PENDING');
    expect((await deliver(sys, report('SUCCESS'), { ageSec: 290 })).status).toBe('SUCCEEDED');
  });

  it('when a well-signed callback names a payment nobody made, then NOT_FOUND', async () => {
    await expect(
      deliver(sys, { pgPaymentId: 'pg_nobody', status: 'SUCCESS', amount: 110000, currency: 'KRW' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('when a well-signed body is not a callback, then INVALID_ARGUMENT', async () => {
    await expect(deliver(sys, '{"pgPaymentId": 1}')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(deliver(sys, 'not json')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('when the amount or currency does not match, then AMOUNT_MISMATCH is recorded, the state is unchanged, and the right report still applies', async () => {
    const { payment, report } = await pendingPayment(sys, 'p5');
    await expect(deliver(sys, report('SUCCESS', { amount: 1 }))).rejects.toMatchObject({
      code: 'AMOUNT_MISMATCH',
      details: { expected: { amount: 110000, currency: 'KRW' }, received: { amount: 1, currency: 'KRW' } },
    });
    await expect(deliver(sys, report('SUCCESS', { currency: 'USD' }))).rejects.toMatchObject({
      code: 'AMOUNT_MISMATCH',
    });
    expect(await statusOf(payment.paymentId)).toBe('PENDING');
    expect(await outboxOf(payment.paymentId)).toEqual([]);
    const recorded = await rowsOf(
      sys,
      'select outcome, amount_minor, currency, body from received_webhook where payment_id = $1 order by id',
      [payment.paymentId],
    );
    expect(recorded.map((r) => [r.outcome, Number(r.amount_minor), r.currency])).toEqual([
      ['AMOUNT_MISMATCH', 1, 'KRW'],
      ['AMOUNT_MISMATCH', 110000, 'USD'],
    ]);
    expect(JSON.parse(recorded[0]!.body)).toEqual(report('SUCCESS', { amount: 1 }));
    expect((await deliver(sys, report('SUCCESS'))).status).toBe('SUCCEEDED');
  });

  it('when FAIL arrives, then FAILED with payment.failed; a later SUCCESS is IGNORED, answered OK, and changes nothing', async () => {
    const { payment, report } = await pendingPayment(sys, 'p6');
    expect(await deliver(sys, report('FAIL'))).toEqual({
      duplicate: false,
      paymentId: payment.paymentId,
      status: 'FAILED',
    });
    expect(await deliver(sys, report('SUCCESS'))).toEqual({
      duplicate: false,
      paymentId: payment.paymentId,
      status: 'FAILED',
    });
    expect(await historyOf(payment.paymentId)).toEqual(['PENDING', 'FAILED']);
    expect(await outboxOf(payment.paymentId)).toEqual(['payment.failed']);
    expect(await webhooksOf(payment.paymentId)).toEqual(['APPLIED', 'IGNORED']);
  });

  it('when a status change applies, then it is audited in the same transaction', async () => {
    const { payment, report } = await pendingPayment(sys, 'p7');
    await deliver(sys, report('SUCCESS'));
    const audit = await rowsOf(sys, 'select action, meta from audit_log where target_id = $1 order by id', [
      payment.paymentId,
    ]);
    expect(audit.map((a) => a.action)).toEqual(['payment.created', 'payment.status-changed']);
    expect(audit[1]!.meta).toMatchObject({ from: 'PENDING', to: 'SUCCEEDED', reported: 'SUCCESS' });
  });
});
