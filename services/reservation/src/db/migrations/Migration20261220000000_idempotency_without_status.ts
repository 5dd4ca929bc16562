import { Migration } from '@ticketing/db';

/** A key's stored answer is replayed from `response` alone; the HTTP status is the gateway's to choose. */
export class Migration20261220000000IdempotencyWithoutStatus extends Migration {
  async up(): Promise<void> {
    this.addSql('alter table idempotency_key drop column status_code;');
  }
}
