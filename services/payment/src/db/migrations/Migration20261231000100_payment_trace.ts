import { Migration } from '@ticketing/db';

export class Migration20261231000100PaymentTrace extends Migration {
  async up(): Promise<void> {
    // The checkout's W3C traceparent: the provider's webhook arrives as a request of its own, and
    // the payment's events continue the checkout's trace from here, so a purchase is one trace.
    this.addSql('alter table payment add column traceparent text;');
  }
}
