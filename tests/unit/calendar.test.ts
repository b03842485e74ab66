import { WorkingCalendar } from '../../src/hotline/calendar';
import { computeDeadline, computeDueAt, extendDeadline, startDeadline } from '../../src/hotline/deadlines';

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

  it('never stops at the year end: a year not loaded is counted provisionally, weekends only', () => {
    // Thursday 31 Dec 2026 + 5 working days, 2027 not loaded: Fri 1 Jan (provisionally a working day), Mon 4 … Thu 7 Jan.
    const due = calendar.workingDaysAfter(new Date('2026-12-31T10:05:00+08:00'), 5);
    expect(due).toEqual({ at: new Date('2027-01-08T00:00:00+08:00'), provisional: true });
    expect(calendar.workingDaysAfter(new Date('2026-12-28T10:00:00+08:00'), 3)).toEqual({ at: new Date('2027-01-01T00:00:00+08:00'), provisional: false });
    expect(calendar.workingDaysAfter(new Date('2027-03-01T09:00:00+08:00'), 1).provisional).toBe(true);
    // Loaded later, the same basis counts 1–3 Jan as holidays: due at the end of Friday 8 Jan.
    const withNextYear = WorkingCalendar.fromDays(
      [...['2027-01-01', '2027-01-02', '2027-01-03'].map((date) => ({ date, kind: 'HOLIDAY' as const }))],
      [2026, 2027],
    );
    const deadline = startDeadline(calendar, new Date('2026-12-31T10:05:00+08:00'), { unit: 'WORKING_DAYS', amount: 5 });
    expect(computeDeadline(withNextYear, deadline.basis)).toMatchObject({ at: new Date('2027-01-09T00:00:00+08:00'), provisional: false });
  });

  it('an extension of N working days is N: counted after the day the deadline ends', () => {
    // Friday 13 Nov + 5 working days → end of Friday 20 Nov; + 3 more → end of Wednesday 25 Nov (not Thursday).
    const due = startDeadline(calendar, new Date('2026-11-13T09:00:00+08:00'), { unit: 'WORKING_DAYS', amount: 5 });
    expect(due.at).toEqual(new Date('2026-11-21T00:00:00+08:00'));
    expect(extendDeadline(calendar, due.basis, { unit: 'WORKING_DAYS', amount: 3 }).at).toEqual(new Date('2026-11-26T00:00:00+08:00'));
    // A deadline in hours extended by a working day: to the end of the next working day.
    const urgent = startDeadline(calendar, new Date('2026-11-20T15:00:00+08:00'), { unit: 'HOURS', amount: 2 });
    expect(extendDeadline(calendar, urgent.basis, { unit: 'WORKING_DAYS', amount: 1 }).at).toEqual(new Date('2026-11-24T00:00:00+08:00'));
    // A cap (long-cycle matters) wins over the limits, and is never provisional.
    const capped = startDeadline(calendar, new Date('2026-12-01T09:00:00+08:00'), { unit: 'WORKING_DAYS', amount: 30 }, new Date('2026-12-20T00:00:00+08:00'));
    expect(capped).toMatchObject({ at: new Date('2026-12-20T00:00:00+08:00'), provisional: false });
  });
});
