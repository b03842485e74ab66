import type { EntityManager } from '../platform/db/orm';
import { WorkingCalendar, type CalendarDayKind } from './calendar';
import { CalendarDayEntity, CalendarYearEntity, SettingEntity, SlaProfileEntity } from './entities';
import { DEFAULT_SETTINGS, DEFAULT_SLA_PROFILES } from './defaults';

type PackagedCalendar = { holidays: Record<string, string>; workdays: Record<string, string> };

/**
 * Reference data every installation needs, demo or not: the working-day calendar (seeded from the
 * `chinese-days` package for the years it knows), the default SLA profiles and settings. Idempotent:
 * only what is missing is inserted, so an administrator's edits and loaded years are kept.
 */
export async function ensureReferenceData(em: EntityManager, now: Date): Promise<{ calendarYearsAdded: number[] }> {
  const calendarYearsAdded = await seedCalendarFromPackage(em, now);
  const profiles = new Set((await em.find(SlaProfileEntity, {})).map((p) => p.name));
  for (const profile of DEFAULT_SLA_PROFILES) if (!profiles.has(profile.name)) em.create(SlaProfileEntity, { ...profile });
  const settings = new Set((await em.find(SettingEntity, {})).map((s) => s.key));
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) if (!settings.has(key)) em.create(SettingEntity, { key, value, updatedAt: now });
  await em.flush();
  return { calendarYearsAdded };
}

async function seedCalendarFromPackage(em: EntityManager, now: Date): Promise<number[]> {
  // Loaded lazily: the file is large and only needed on the first start of an installation.
  const packaged = (await import('chinese-days/dist/chinese-days.json')).default as PackagedCalendar;
  const loaded = new Set((await em.find(CalendarYearEntity, {})).map((y) => y.year));
  const byYear = new Map<number, { date: string; kind: CalendarDayKind; name: string }[]>();
  const add = (date: string, kind: CalendarDayKind, label: string) => {
    const year = Number(date.slice(0, 4));
    byYear.set(year, [...(byYear.get(year) ?? []), { date, kind, name: label.split(',')[1] ?? label }]);
  };
  for (const [date, label] of Object.entries(packaged.holidays)) add(date, 'HOLIDAY', label);
  for (const [date, label] of Object.entries(packaged.workdays)) add(date, 'WORKDAY', label);
  const added: number[] = [];
  for (const [year, days] of [...byYear].sort(([a], [b]) => a - b)) {
    if (loaded.has(year)) continue;
    for (const day of days) em.create(CalendarDayEntity, day);
    em.create(CalendarYearEntity, { year, source: 'chinese-days package', loadedAt: now });
    added.push(year);
  }
  return added;
}

export async function loadCalendar(em: EntityManager): Promise<WorkingCalendar> {
  const [days, years] = await Promise.all([em.find(CalendarDayEntity, {}), em.find(CalendarYearEntity, {})]);
  return WorkingCalendar.fromDays(days, years.map((y) => y.year));
}
