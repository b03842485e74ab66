import { WorkingCalendar, CalendarNotCoveredError } from '../../src/hotline/calendar';
import { computeDueAt } from '../../src/hotline/deadlines';

/** Deadlines on the PRC calendar, from the same package data the hub seeds its calendar table with. */
describe('working-day arithmetic', () => {
  const packaged = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
  const calendar = WorkingCalendar.fromDays(
    [
      ...Object.keys(packaged.holidays).map((date) => ({ date, kind: 'HOLIDAY' as const })),
      ...Object.keys(packaged.workdays).map((date) => ({ date, kind: 'WORKDAY' as const })),
    ],
    [2025, 2026],
  );

  it('skips the National Day holiday and counts the make-up Saturday (2026-10-10) as a working day', () => {
    // Wednesday 30 Sep 2026, 15:00 CST, + 3 working days: 1–7 Oct are holidays; 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, 调休上班).
    const due = calendar.addWorkingDays(new Date('2026-09-30T15:00:00+08:00'), 3);
    expect(due.toISOString()).toBe(new Date('2026-10-11T00:00:00+08:00').toISOString());
  });

  it('counts a make-up Sunday before the holiday (2026-09-20) and skips ordinary weekends', () => {
    expect(calendar.isWorkingDay(new Date('2026-09-20T12:00:00+08:00'))).toBe(true);
    expect(calendar.isWorkingDay(new Date('2026-09-19T12:00:00+08:00'))).toBe(false);
    expect(calendar.isWorkingDay(new Date('2026-10-05T12:00:00+08:00'))).toBe(false);
    // Friday 13 Nov 2026 + 5 working days → end of Friday 20 Nov.
    expect(calendar.addWorkingDays(new Date('2026-11-13T09:00:00+08:00'), 5).toISOString()).toBe(new Date('2026-11-21T00:00:00+08:00').toISOString());
  });

  it('counts in China time: 23:30 UTC on a Thursday is already Friday in Lüliang', () => {
    const due = calendar.addWorkingDays(new Date('2026-11-19T23:30:00Z'), 1);
    expect(due.toISOString()).toBe(new Date('2026-11-24T00:00:00+08:00').toISOString());
  });

  it('SLA profiles: working days on the calendar, hours and calendar days on the clock', () => {
    const from = new Date('2026-09-30T15:00:00+08:00');
    expect(computeDueAt(calendar, { unit: 'HOURS', amount: 24 }, from).toISOString()).toBe(new Date('2026-10-01T15:00:00+08:00').toISOString());
    expect(computeDueAt(calendar, { unit: 'CALENDAR_DAYS', amount: 180 }, from).getTime() - from.getTime()).toBe(180 * 86_400_000);
    expect(computeDueAt(calendar, { unit: 'WORKING_DAYS', amount: 3 }, from)).toEqual(calendar.addWorkingDays(from, 3));
  });

  it('refuses to guess for a year whose holidays are not loaded', () => {
    expect(() => calendar.addWorkingDays(new Date('2027-03-01T09:00:00+08:00'), 1)).toThrow(CalendarNotCoveredError);
    expect(() => calendar.addWorkingDays(new Date('2026-12-31T09:00:00+08:00'), 5)).toThrow(/does not cover 2027/);
  });
});
