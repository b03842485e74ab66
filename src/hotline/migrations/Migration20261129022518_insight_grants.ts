import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE } from '../../platform/db/app-role';

/**
 * Tables created from now on by the owner are usable by the application role without a grant per
 * migration; the insight tables of this release get theirs explicitly (they predate the default).
 */
export class Migration20261129022518_insight_grants extends Migration {
  override async up(): Promise<void> {
    this.addSql(`grant select, insert, update on hotline.preparedness_plan, hotline.risk_warning, hotline.intake_model to ${APP_ROLE};`);
    this.addSql(`grant delete on hotline.preparedness_plan to ${APP_ROLE};`);
    this.addSql(`alter default privileges in schema hotline grant select, insert, update on tables to ${APP_ROLE};`);
    this.addSql(`alter default privileges in schema hotline grant usage, select on sequences to ${APP_ROLE};`);
  }
}
