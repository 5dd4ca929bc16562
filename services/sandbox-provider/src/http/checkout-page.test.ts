import { newPayment } from '../domain/sandbox-payment';
import { escapeHtml, formatAmount, renderCheckoutPage } from './checkout-page';

const modes = { delayMs: 0, duplicates: false, outOfOrder: false };

describe('formatAmount', () => {
  it('when the currency has no minor unit (KRW), then the amount is shown whole', () => {
    expect(formatAmount(12000, 'KRW')).toBe('₩12,000');
  });

  it('when the currency has cents (USD, EUR), then minor units become a decimal amount', () => {
    expect(formatAmount(12345, 'USD')).toBe('$123.45');
    expect(formatAmount(5, 'EUR')).toBe('€0.05');
  });
});

describe('escapeHtml', () => {
  it('when text holds markup characters, then each becomes an entity', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('renderCheckoutPage', () => {
  it('when the merchant id holds markup, then the page shows it as text, never as a tag', () => {
    const hostile = '"><script>alert(1)</script>';
    const payment = newPayment({ pgPaymentId: 'pg_1', paymentId: hostile, amount: 12000, currency: 'KRW', modes });
    const html = renderCheckoutPage(payment);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('when the payment is pending, then the page has a Pay and a Fail form posting to complete', () => {
    const payment = newPayment({ pgPaymentId: 'pg_1', paymentId: 'p', amount: 12000, currency: 'KRW', modes });
    const html = renderCheckoutPage(payment);
    expect(html).toContain('₩12,000');
    expect(html.match(/<form method="post" action="pg_1\/complete">/g)).toHaveLength(2);
    expect(html).toContain('name="outcome" value="success"');
    expect(html).toContain('name="outcome" value="fail"');
  });

  it('when the payment is no longer pending, then the page shows its status and no buttons', () => {
    const payment = { ...newPayment({ pgPaymentId: 'pg_1', paymentId: 'p', amount: 1, currency: 'USD', modes }) };
    const html = renderCheckoutPage({ ...payment, status: 'SUCCEEDED' });
    expect(html).toContain('SUCCEEDED');
    expect(html).not.toContain('<form');
  });
});
