import type { SandboxPayment } from '../domain/sandbox-payment';

/** The page loads nothing and runs no script; its forms post to this origin only. */
export const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
} as const;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** Minor units shown in the currency's own form: 12000 KRW is ₩12,000, 12345 USD is $123.45. */
export function formatAmount(amountMinor: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
.note{color:#555}dt{font-weight:600}form{display:inline-block;margin-right:1rem}
button{font-size:1rem;padding:.5rem 1.5rem}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function summary(payment: SandboxPayment): string {
  return `<dl>
<dt>Order</dt><dd>${escapeHtml(payment.paymentId)}</dd>
<dt>Amount</dt><dd class="amount">${escapeHtml(formatAmount(payment.amount, payment.currency))}</dd>
<dt>Status</dt><dd class="status">${escapeHtml(payment.status)}</dd>
</dl>`;
}

function button(payment: SandboxPayment, outcome: 'success' | 'fail', label: string): string {
  // Relative to /checkout/<id>, so the page works behind any path prefix PROVIDER_PUBLIC_URL has.
  const action = `${encodeURIComponent(payment.pgPaymentId)}/complete`;
  return `<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="outcome" value="${outcome}">
<button type="submit">${label}</button>
</form>`;
}

/** The buyer's page: what is charged, and the two outcomes a test mode offers. */
export function renderCheckoutPage(payment: SandboxPayment): string {
  const actions =
    payment.status === 'PENDING'
      ? `${button(payment, 'success', 'Pay')}\n${button(payment, 'fail', 'Fail')}`
      : '<p>This payment is finished.</p>';
  return page(
    'Sandbox checkout',
    `<h1>Sandbox checkout</h1>
<p class="note">Test mode: no real money moves.</p>
${summary(payment)}
${actions}`,
  );
}

/** What a browser sees after pressing a button: the outcome; the merchant learns it by webhook. */
export function renderCompletedPage(payment: SandboxPayment): string {
  const verdict = payment.status === 'SUCCEEDED' ? 'Payment succeeded' : 'Payment failed';
  return page(verdict, `<h1>${escapeHtml(verdict)}</h1>\n${summary(payment)}\n<p>You can close this window.</p>`);
}
