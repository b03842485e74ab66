import { badInput, forbidden } from '../platform/graphql/errors';
import type { HotlineContext } from './context';

export type CalendarDayInput = { date: string; name?: string | null };

/**
 * Loads (or replaces) one year of the PRC calendar — the holidays and make-up working days the
 * State Council announces late each year — so deadlines in that year can be computed. ADMIN only;
 * validated as a whole and written in one transaction.
 */
export async function loadCalendarYear(ctx: HotlineContext, args: { year: number; holidays: CalendarDayInput[]; workdays: CalendarDayInput[]; source: string }) {
  if (!ctx.ability.can('manage', 'Calendar')) throw forbidden('only administrators may load the calendar');
  const { year } = args;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'must be a year between 2000 and 2100');
  const seen = new Set<string>();
  const check = (field: string) => (day: CalendarDayInput, i: number) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day.date) || Number.isNaN(Date.parse(`${day.date}T00:00:00Z`))) throw badInput(`${field}[${i}].date`, 'must be a date YYYY-MM-DD');
    if (!day.date.startsWith(`${year}-`)) throw badInput(`${field}[${i}].date`, `must be in ${year}`);
    if (seen.has(day.date)) throw badInput(`${field}[${i}].date`, `${day.date} is listed twice`);
    seen.add(day.date);
  };
  args.holidays.forEach(check('holidays'));
  args.workdays.forEach(check('workdays'));
  if (args.holidays.length === 0) throw badInput('holidays', `list the public holidays of ${year}`);
  await ctx.runtime.replaceCalendarYear(
    year,
    [
      ...args.holidays.map((d) => ({ date: d.date, kind: 'HOLIDAY' as const, name: d.name ?? undefined })),
      ...args.workdays.map((d) => ({ date: d.date, kind: 'WORKDAY' as const, name: d.name ?? undefined })),
    ],
    args.source,
  );
  return calendarCoverage(ctx);
}

export async function calendarCoverage(ctx: HotlineContext) {
  const calendar = await ctx.runtime.calendar();
  return { years: [...calendar.coveredYears].sort((a, b) => a - b), missing: await ctx.runtime.calendarGaps() };
}
