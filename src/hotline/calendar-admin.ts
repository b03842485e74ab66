import { Gauge, type Registry } from 'prom-client';
import { badInput, forbidden } from '../platform/graphql/errors';
import { parseHolidayNotice } from './calendar-notice';
import { recomputeProvisionalDeadlines } from './calendar-recompute';
import type { HotlineContext } from './context';
import type { HotlineRuntime } from './runtime';

export type CalendarDayInput = { date: string; name?: string | null };

export type CalendarYearLoad = { year: number; holidays: string[]; workdays: string[]; recomputedCases: number; dryRun: boolean };

export type CalendarCoverage = {
  years: number[];
  missing: number[];
  warning: string | null;
  provisionalCases: number;
  loaded: CalendarYearLoad | null;
};

/**
 * Loads (or replaces) one year of the PRC calendar — the holidays and make-up working days the
 * State Council announces late each year — given as dates. ADMIN only; validated as a whole and
 * written in one transaction; then every deadline counted provisionally is computed again.
 */
export async function loadCalendarYear(ctx: HotlineContext, args: { year: number; holidays: CalendarDayInput[]; workdays: CalendarDayInput[]; source: string }): Promise<CalendarCoverage> {
  mayManage(ctx);
  const { year } = args;
  checkYear(year);
  const seen = new Set<string>();
  const check = (field: string) => (day: CalendarDayInput, i: number) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day.date) || Number.isNaN(Date.parse(`${day.date}T00:00:00Z`)) || new Date(`${day.date}T00:00:00Z`).toISOString().slice(0, 10) !== day.date) {
      throw badInput(`${field}[${i}].date`, 'must be a date YYYY-MM-DD');
    }
    if (!day.date.startsWith(`${year}-`)) throw badInput(`${field}[${i}].date`, `must be in ${year}`);
    if (seen.has(day.date)) throw badInput(`${field}[${i}].date`, `${day.date} is listed twice`);
    seen.add(day.date);
  };
  args.holidays.forEach(check('holidays'));
  args.workdays.forEach(check('workdays'));
  args.workdays.forEach((day, i) => {
    const weekday = new Date(`${day.date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) throw badInput(`workdays[${i}].date`, `${day.date} is a weekday; a make-up working day (调休上班) falls on a weekend`);
  });
  if (args.holidays.length === 0) throw badInput('holidays', `list the public holidays of ${year}`);
  const source = sourceOf(args.source);
  return load(ctx, year, args.holidays.map((d) => ({ date: d.date, name: d.name ?? undefined })), args.workdays.map((d) => ({ date: d.date, name: d.name ?? undefined })), source, false);
}

/**
 * The same from the notice's own text (calendar-notice.ts checks it line by line). `dryRun`
 * answers what would be loaded without loading it.
 */
export async function loadCalendarNotice(ctx: HotlineContext, args: { year: number; notice: string; source: string; dryRun?: boolean | null }): Promise<CalendarCoverage> {
  mayManage(ctx);
  checkYear(args.year);
  if (args.notice.length > 20_000) throw badInput('notice', 'is longer than a holiday notice (20,000 characters)');
  const source = sourceOf(args.source);
  const parsed = parseHolidayNotice(args.year, args.notice);
  return load(ctx, args.year, parsed.holidays, parsed.workdays, source, args.dryRun ?? false);
}

async function load(ctx: HotlineContext, year: number, holidays: { date: string; name?: string }[], workdays: { date: string; name?: string }[], source: string, dryRun: boolean): Promise<CalendarCoverage> {
  let recomputedCases = 0;
  if (!dryRun) {
    await ctx.runtime.replaceCalendarYear(
      year,
      [...holidays.map((d) => ({ ...d, kind: 'HOLIDAY' as const })), ...workdays.map((d) => ({ ...d, kind: 'WORKDAY' as const }))],
      source,
    );
    recomputedCases = await recomputeProvisionalDeadlines(ctx.runtime, ctx.log, ctx.principal);
  }
  const coverage = await calendarCoverage(ctx);
  return { ...coverage, loaded: { year, holidays: holidays.map((d) => d.date), workdays: workdays.map((d) => d.date), recomputedCases, dryRun } };
}

/** What is loaded, what deadlines need now and is missing, and how many cases carry provisional deadlines. */
export async function calendarCoverage(ctx: HotlineContext): Promise<CalendarCoverage> {
  const calendar = await ctx.runtime.calendar();
  const missing = await ctx.runtime.calendarGaps();
  const provisionalCases = await ctx.runtime.asSystem(async (tx) => {
    const [row] = (await tx.execute(`select count(*)::int as n from hotline."case" where provisional_deadlines <> '{}'`)) as { n: number }[];
    return row!.n;
  });
  return { years: [...calendar.coveredYears].sort((a, b) => a - b), missing, warning: calendarWarning(missing), provisionalCases, loaded: null };
}

/** The warning administrators see (start-up log, readiness, calendarCoverage) while years are missing. */
export function calendarWarning(missing: number[]): string | null {
  if (missing.length === 0) return null;
  return `the official holiday schedule of ${missing.join(', ')} is not loaded: deadlines in ${missing.length > 1 ? 'those years' : 'it'} are provisional (weekends only) until an administrator loads it (loadCalendarNotice, or npm run calendar)`;
}

function mayManage(ctx: HotlineContext): void {
  if (!ctx.ability.can('manage', 'Calendar')) throw forbidden('only administrators may load the calendar');
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'must be a year between 2000 and 2100');
}

function sourceOf(source: string): string {
  const text = source.trim();
  if (text.length < 2 || text.length > 128) throw badInput('source', 'name the notice, e.g. 国办发明电〔2026〕x号 (2 to 128 characters)');
  return text;
}

/**
 * `hub_calendar_year_missing{year}` = 1 for each year deadlines need now whose schedule is not
 * loaded (read at each scrape): the alert an operations team wires to "load next year's holidays".
 */
export function calendarMetrics(registry: Registry, runtime: Pick<HotlineRuntime, 'calendarGaps'>): void {
  if (registry.getSingleMetric('hub_calendar_year_missing')) return;
  new Gauge({
    name: 'hub_calendar_year_missing',
    help: 'Years deadlines need now (this year; next year from October) whose official holiday schedule is not loaded: deadlines into them are provisional',
    labelNames: ['year'],
    registers: [registry],
    async collect() {
      const missing = await runtime.calendarGaps();
      this.reset();
      for (const year of missing) this.set({ year: String(year) }, 1);
    },
  });
}
