import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE } from '../../platform/db/app-role';
import { DEFAULT_EVENT_CHANNEL } from '../../platform/events/pg-event-target';

/**
 * Live case events for subscriptions (66号 (八) push to departments): every `case.changed` outbox
 * row also NOTIFYs the hub's event channel with the case id, the action and the new status — no
 * personal data; subscribers re-read the case through their own policy. A row trigger rather than
 * a statement in the code: no extra round trip per change, and PostgreSQL delivers the
 * notification only when the change commits (a rolled-back savepoint discards it).
 */
export class Migration20261129035451_live_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function hotline.notify_case_changed() returns trigger language plpgsql as $$
      begin
        perform pg_notify('${DEFAULT_EVENT_CHANNEL}', json_build_object(
          'topic', 'case.changed',
          'detail', json_build_object('caseId', new.key, 'action', new.payload->>'action', 'status', new.payload->>'to')
        )::text);
        return null;
      end $$;`);
    this.addSql(`create trigger outbox_case_changed_event after insert on hotline.outbox
      for each row when (new.topic = 'case.changed') execute function hotline.notify_case_changed();`);
    this.addSql(`grant select, insert, update, delete on hotline.case_webhook to ${APP_ROLE};`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists outbox_case_changed_event on hotline.outbox;`);
    this.addSql(`drop function if exists hotline.notify_case_changed();`);
  }
}
