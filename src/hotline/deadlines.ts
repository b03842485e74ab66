import type { WorkingCalendar } from './calendar';
import type { SlaProfile } from './entities';

/** The deadline of a time limit started at `from`: working days on the PRC calendar, or clock hours/days. */
export function computeDueAt(calendar: WorkingCalendar, profile: Pick<SlaProfile, 'unit' | 'amount'>, from: Date): Date {
  switch (profile.unit) {
    case 'WORKING_DAYS':
      return calendar.addWorkingDays(from, profile.amount);
    case 'HOURS':
      return new Date(from.getTime() + profile.amount * 3_600_000);
    case 'CALENDAR_DAYS':
      return new Date(from.getTime() + profile.amount * 86_400_000);
  }
}
