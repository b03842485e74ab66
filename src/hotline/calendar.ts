/**
 * The PRC working-day calendar: weekends and public holidays are rest days, except the make-up
 * working days (调休上班) the State Council announces with them. It is data, not code: loaded from
 * the `hotline.calendar_day` table, which is seeded from the `chinese-days` package and extended by
 * an administrator when the next year's schedule is announced (docs/domain.md).
 *
 * All day arithmetic is in China Standard Time (UTC+8, no daylight saving).
 */
import { HubError } from '../platform/graphql/errors';

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export type CalendarDayKind = 'HOLIDAY' | 'WORKDAY';

/** A deadline that needs a year whose holidays are not loaded: refused rather than guessed. */
export class CalendarNotCoveredError extends HubError {
  constructor(readonly year: number) {
    super('UPSTREAM_UNAVAILABLE', `the working-day calendar does not cover ${year}; an administrator loads that year's holidays with the loadCalendarYear mutation`, { year });
    this.name = 'CalendarNotCoveredError';
  }
}

export class WorkingCalendar {
  constructor(
    private readonly holidays: ReadonlySet<string>,
    private readonly makeUpWorkdays: ReadonlySet<string>,
    readonly coveredYears: ReadonlySet<number>,
  ) {}

  static fromDays(days: { date: string; kind: CalendarDayKind }[], coveredYears: Iterable<number>): WorkingCalendar {
    const holidays = new Set<string>();
    const workdays = new Set<string>();
    for (const day of days) (day.kind === 'HOLIDAY' ? holidays : workdays).add(day.date);
    return new WorkingCalendar(holidays, workdays, new Set(coveredYears));
  }

  covers(date: Date): boolean {
    return this.coveredYears.has(Number(cstDate(date).slice(0, 4)));
  }

  isWorkingDay(date: Date): boolean {
    const day = cstDate(date);
    const year = Number(day.slice(0, 4));
    if (!this.coveredYears.has(year)) throw new CalendarNotCoveredError(year);
    if (this.makeUpWorkdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const weekday = new Date(Date.parse(`${day}T00:00:00Z`)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The end (24:00 CST) of the `n`-th working day after the day of `from`: a matter registered on
   * Friday with 3 working days is due at the end of Wednesday (or later across a holiday).
   */
  addWorkingDays(from: Date, n: number): Date {
    if (!Number.isInteger(n) || n < 0) throw new Error(`working days must be a non-negative integer (got ${n})`);
    let cursor = startOfCstDay(from);
    let remaining = n;
    while (remaining > 0) {
      cursor = new Date(cursor.getTime() + DAY_MS);
      if (this.isWorkingDay(cursor)) remaining--;
    }
    return n === 0 ? from : new Date(cursor.getTime() + DAY_MS);
  }

  /** Working days between two instants, counting whole days after `from`'s day up to `to`'s day. */
  workingDaysBetween(from: Date, to: Date): number {
    let count = 0;
    for (let d = new Date(startOfCstDay(from).getTime() + DAY_MS); d.getTime() <= startOfCstDay(to).getTime(); d = new Date(d.getTime() + DAY_MS)) {
      if (this.isWorkingDay(d)) count++;
    }
    return count;
  }
}

/** `YYYY-MM-DD` of an instant in China Standard Time. */
export function cstDate(date: Date): string {
  return new Date(date.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export function startOfCstDay(date: Date): Date {
  return new Date(Date.parse(`${cstDate(date)}T00:00:00+08:00`));
}
