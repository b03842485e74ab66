/**
 * The PRC working-day calendar: weekends and public holidays are rest days, except the make-up
 * working days (调休上班) the State Council announces with them. It is data, not code: loaded from
 * the `hotline.calendar_day` table, which is seeded from the `chinese-days` package and extended by
 * an administrator when the next year's schedule is announced (docs/domain.md).
 *
 * A hotline never stops for its calendar: a year whose schedule is not loaded yet is counted
 * provisionally, weekends only, and every deadline so counted says so (`provisional`), so that it
 * can be computed again when the year is loaded (calendar-recompute.ts).
 *
 * All day arithmetic is in China Standard Time (UTC+8, no daylight saving).
 */
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export type CalendarDayKind = 'HOLIDAY' | 'WORKDAY';

/** An instant computed on the calendar, and whether a year without its official schedule was counted. */
export type CalendarInstant = { at: Date; provisional: boolean };

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

  /** Working day or not; in a year not loaded, every weekday is taken as one (provisionally). */
  isWorkingDay(date: Date): boolean {
    const day = cstDate(date);
    if (this.makeUpWorkdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const weekday = new Date(Date.parse(`${day}T00:00:00Z`)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The end (24:00 CST) of the `n`-th working day after the day of `from`: a matter registered on
   * Friday with 3 working days is due at the end of Wednesday (or later across a holiday). The day
   * of `from` itself is not counted (次日起算). Provisional when a day of a year not loaded was counted.
   */
  workingDaysAfter(from: Date, n: number): CalendarInstant {
    if (!Number.isInteger(n) || n < 0) throw new Error(`working days must be a non-negative integer (got ${n})`);
    if (n === 0) return { at: from, provisional: false };
    let cursor = startOfCstDay(from);
    let remaining = n;
    let provisional = false;
    while (remaining > 0) {
      cursor = new Date(cursor.getTime() + DAY_MS);
      if (!this.covers(cursor)) provisional = true;
      if (this.isWorkingDay(cursor)) remaining--;
    }
    return { at: new Date(cursor.getTime() + DAY_MS), provisional };
  }

  /** `workingDaysAfter(from, n).at`. */
  addWorkingDays(from: Date, n: number): Date {
    return this.workingDaysAfter(from, n).at;
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

/** The year of an instant in China Standard Time. */
export function cstYear(date: Date): number {
  return Number(cstDate(date).slice(0, 4));
}

/** The month (1–12) of an instant in China Standard Time. */
export function cstMonth(date: Date): number {
  return Number(cstDate(date).slice(5, 7));
}

export function startOfCstDay(date: Date): Date {
  return new Date(Date.parse(`${cstDate(date)}T00:00:00+08:00`));
}
