import type { Clock } from '../platform/clock';
import { forkEm, type EntityManager, type Orm } from '../platform/db/orm';
import type { Logger } from '../platform/logging';
import type { PiiHasher } from '../platform/pii';
import { cstMonth, cstYear, type WorkingCalendar } from './calendar';
import { DEFAULT_SETTINGS, type HotlineSettings } from './defaults';
import type { CaseNumbers } from './case-numbers';
import { CalendarDayEntity, CalendarYearEntity, CategoryEntity, IntakeModelEntity, RegionEntity, SettingEntity, SlaProfileEntity, UnitEntity, type Category, type Region, type SlaProfile, type Unit } from './entities';
import type { IntakeModels } from './insight/training';
import type { IntakeScreen } from './intake-screen';
import { loadCalendar } from './reference';
import { checkSetting, type SettingKey } from './settings';

/**
 * Configuration the hotline reads on every mutation — settings, SLA profiles, the working-day
 * calendar — and the units every page names, cached for a short time per process, so a city's
 * change takes effect within `ttlMs` without a redeploy and without a query per request. Process
 * state, not request state.
 */
export type HotlineRuntime = {
  clock: Clock;
  pii: PiiHasher;
  /** Checks at intake against other channels (the petition channel check), plugged in by the composition root. */
  intakeScreens: readonly IntakeScreen[];
  /** The sequence part of case numbers, per city and day (case-numbers.ts). */
  caseNumbers: CaseNumbers;
  settings(): Promise<HotlineSettings>;
  /**
   * A region or a category of the classification catalog by code, as a read-only copy cached for
   * `ttlMs`. A code not cached is read through `em` — the caller's transaction, never a second
   * connection — so a region or category added since is found at once; one not found is not cached.
   */
  region(em: EntityManager, code: string): Promise<Readonly<Region> | null>;
  category(em: EntityManager, code: string): Promise<Readonly<Category> | null>;
  slaProfiles(): Promise<Map<string, SlaProfile>>;
  calendar(): Promise<WorkingCalendar>;
  /**
   * The handling units (reference data, written only by seeding and operators' SQL): read on every
   * page that shows a lead unit, so kept here rather than queried per request. A unit created since
   * the last load is not in it (callers query for what is missing); a renamed one shows its new name
   * within `ttlMs`.
   */
  units(): Promise<ReadonlyMap<string, Unit>>;
  /** The newest trained intake classifier, if any. */
  intakeModel(): Promise<IntakeModels | null>;
  /** Forgets the cached classifier (after training, so the next suggestion uses the new one). */
  forgetIntakeModel(): void;
  /**
   * Runs `work` in a transaction of its own, declared SYSTEM for row-level security: for jobs that
   * act for the hotline as a whole (training on all closed cases), never for a principal's reads.
   */
  asSystem<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
  /**
   * Replaces one year of the calendar in its own transaction, committed before the caches are
   * dropped — so the next deadline, in this request or any other, sees the new year.
   */
  replaceCalendarYear(year: number, days: { date: string; kind: 'HOLIDAY' | 'WORKDAY'; name?: string }[], source: string): Promise<void>;
  /**
   * Years deadlines need now that the calendar does not cover: this year, and next year from
   * `calendarWarnFromMonth` on. Deadlines counted into them are provisional (weekends only).
   */
  calendarGaps(): Promise<number[]>;
  /** Stores one (validated) setting in its own transaction and drops the cache: in force at once in this process. */
  replaceSetting(key: string, value: unknown): Promise<void>;
  /** Loads every cached configuration now (start-up), so that no request waits for a first load. */
  warm(): Promise<void>;
};

export function createHotlineRuntime(options: {
  orm: Orm;
  clock: Clock;
  log: Logger;
  pii: PiiHasher;
  caseNumbers: CaseNumbers;
  ttlMs?: number;
  intakeScreens?: readonly IntakeScreen[];
}): HotlineRuntime {
  const { orm, clock, log, pii } = options;
  const ttl = options.ttlMs ?? 60_000;
  // Stale-while-revalidate: once loaded, a value is served at once and refreshed in the background
  // when older than `ttl`. A request never waits for these loads (they take a second pooled
  // connection while the request holds one in its transaction: with every connection held by a
  // request, a request that waited would wait forever) — except the very first, which `warm()`
  // makes at start-up.
  const cache = <T>(load: () => Promise<T>) => {
    let value: { at: number; promise: Promise<T> } | undefined;
    let refreshing = false;
    return {
      get(): Promise<T> {
        const now = Date.now();
        if (!value) {
          const promise = load();
          value = { at: now, promise };
          promise.catch(() => (value = undefined));
        } else if (now - value.at > ttl && !refreshing) {
          refreshing = true;
          load()
            .then((fresh) => (value = { at: Date.now(), promise: Promise.resolve(fresh) }))
            .catch((error) => log.warn({ err: error }, 'hotline configuration refresh failed; serving the previous values'))
            .finally(() => (refreshing = false));
        }
        return value.promise;
      },
      clear: () => (value = undefined),
    };
  };
  // Reference data every registration checks (issue 7: two queries per case). Plain frozen copies:
  // a managed entity of one request's EntityManager is never handed to another request.
  const byCode = <T extends object>(load: (em: EntityManager, code: string) => Promise<T | null>) => {
    const entries = new Map<string, { at: number; value: Readonly<T> }>();
    return async (em: EntityManager, code: string): Promise<Readonly<T> | null> => {
      const hit = entries.get(code);
      if (hit && Date.now() - hit.at <= ttl) return hit.value;
      const row = await load(em, code);
      if (!row) {
        entries.delete(code);
        return null;
      }
      const value = Object.freeze(row);
      entries.set(code, { at: Date.now(), value });
      return value;
    };
  };
  const region = byCode<Region>(async (em, code) => {
    const r = await em.findOne(RegionEntity, { code });
    return r && { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, path: Object.freeze([...r.path]) as string[] };
  });
  const category = byCode<Category>(async (em, code) => {
    const c = await em.findOne(CategoryEntity, { code });
    return c && { code: c.code, name: c.name, parentCode: c.parentCode, tier: c.tier, lineDepartmentItem: c.lineDepartmentItem, slaProfile: c.slaProfile, utility: c.utility };
  });
  const settings = cache(async () => {
    const rows = await forkEm(orm).find(SettingEntity, {});
    const merged = { ...DEFAULT_SETTINGS } as Record<string, unknown>;
    for (const row of rows) {
      if (!(row.key in merged)) continue;
      const checked = checkSetting(row.key as SettingKey, row.value);
      // A bad value edited into the table is never used: the default stands, and operators are told.
      if (checked.ok) merged[row.key] = checked.value;
      else log.warn({ key: row.key, problems: checked.problems }, 'a hotline setting in the database is invalid; its default is used');
    }
    return merged as HotlineSettings;
  });
  const units = cache(async () => new Map((await forkEm(orm).find(UnitEntity, {})).map((u) => [u.id, u])) as ReadonlyMap<string, Unit>);
  const profiles = cache(async () => new Map((await forkEm(orm).find(SlaProfileEntity, {})).map((p) => [p.name, p])));
  const model = cache(async () => {
    const [latest] = await forkEm(orm).find(IntakeModelEntity, {}, { orderBy: { trainedAt: 'desc' }, limit: 1 });
    return latest ? (latest.parameters as unknown as IntakeModels) : null;
  });
  const calendar = cache(() => loadCalendar(forkEm(orm)));
  return {
    clock,
    pii,
    intakeScreens: options.intakeScreens ?? [],
    caseNumbers: options.caseNumbers,
    settings: settings.get,
    region,
    category,
    slaProfiles: profiles.get,
    calendar: calendar.get,
    units: units.get,
    intakeModel: model.get,
    forgetIntakeModel: () => void model.clear(),
    asSystem: (work) =>
      forkEm(orm).transactional(async (tx) => {
        await tx.execute(`select set_config('hub.role', 'SYSTEM', true)`);
        return work(tx);
      }),
    async warm() {
      await Promise.all([settings.get(), profiles.get(), calendar.get(), model.get(), units.get()]);
    },
    async calendarGaps() {
      const [loaded, { calendarWarnFromMonth }] = await Promise.all([calendar.get(), settings.get()]);
      return missingYears(loaded, clock.now(), calendarWarnFromMonth);
    },
    async replaceSetting(key, value) {
      await forkEm(orm).transactional((tx) => tx.upsert(SettingEntity, { key, value, updatedAt: clock.now() }));
      settings.clear();
    },
    async replaceCalendarYear(year, days, source) {
      await forkEm(orm).transactional(async (tx) => {
        await tx.nativeDelete(CalendarDayEntity, { date: { $like: `${year}-%` } });
        await tx.nativeDelete(CalendarYearEntity, { year });
        // A notice may name days of the year before (元旦 from 31 December): those are set, not replaced.
        for (const day of days) await tx.upsert(CalendarDayEntity, day);
        tx.create(CalendarYearEntity, { year, source: source.slice(0, 128), loadedAt: clock.now() });
      });
      calendar.clear();
      log.info({ year, days: days.length }, 'working-day calendar year loaded');
    },
  };
}

function missingYears(calendar: WorkingCalendar, now: Date, warnFromMonth: number): number[] {
  const year = cstYear(now);
  const needed = cstMonth(now) >= warnFromMonth ? [year, year + 1] : [year];
  return needed.filter((y) => !calendar.coveredYears.has(y));
}
