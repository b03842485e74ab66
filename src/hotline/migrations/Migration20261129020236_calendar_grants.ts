import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE } from '../../platform/db/app-role';

/** An administrator replaces a year of the calendar (loadCalendarYear): the application may delete its days. */
export class Migration20261129020236_calendar_grants extends Migration {
  override async up(): Promise<void> {
    this.addSql(`grant delete on hotline.calendar_day, hotline.calendar_year to ${APP_ROLE};`);
  }
}
