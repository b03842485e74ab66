import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE } from '../../../src/platform/db/app-role';
import { kitMigrationSql } from '../../kit/entities';

/**
 * What the kit's entity metadata cannot say: the outbox NOTIFY trigger, the exchange log's chain
 * (head, digest, append and verify functions) and its append-only guards; the application role
 * reads the log and appends only through the function, never writing rows itself.
 */
export class Migration20261129035735_kit_guards extends Migration {
  override async up(): Promise<void> {
    for (const sql of kitMigrationSql('exchange')) this.addSql(sql);
    this.addSql(`grant select, insert, update on exchange.outbox, exchange.inbound_message, exchange.partner_endpoint to ${APP_ROLE};`);
    this.addSql(`grant select on exchange.exchange_log, exchange.exchange_log_head to ${APP_ROLE};`);
    this.addSql(`revoke insert, update, delete, truncate on exchange.exchange_log, exchange.exchange_log_head from ${APP_ROLE};`);
    this.addSql(`grant usage, select on all sequences in schema exchange to ${APP_ROLE};`);
  }
}
