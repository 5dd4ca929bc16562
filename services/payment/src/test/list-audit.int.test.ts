import { pendingPayment, startTestPayment, type TestPayment } from './harness';

describe('ListAudit on payment', () => {
  let sys: TestPayment;

  beforeAll(async () => {
    sys = await startTestPayment('payment_list_audit');
  });
  afterAll(() => sys.close());

  it('when an admin reads the trail after a checkout, then the payment creation is there with its buyer', async () => {
    const { payment, hold } = await pendingPayment(sys, 'buyer-audit');
    const page = await sys.call('listAudit', { actorId: 'buyer-audit' }, 'admin:a1');
    expect(page.items).toEqual([
      expect.objectContaining({ action: 'payment.created', targetType: 'payment', targetId: payment.paymentId }),
    ]);
    expect(JSON.parse(page.items[0].metaJson)).toMatchObject({ holdId: hold.holdId });
  });

  it('when a buyer or nobody asks, or the cursor is malformed, then FORBIDDEN, UNAUTHENTICATED or INVALID_ARGUMENT', async () => {
    await expect(sys.call('listAudit', {}, 'user:u1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(sys.call('listAudit', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(sys.call('listAudit', { cursor: '2026-12-01T10:00:00Z,x' }, 'admin:a1')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
