import type { CalendarInstant, WorkingCalendar } from './calendar';
import type { Case } from './entities';

/** The units a time limit is counted in: working days on the PRC calendar, or the clock. */
export const LIMIT_UNITS = ['MINUTES', 'HOURS', 'WORKING_DAYS', 'CALENDAR_DAYS'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];
export type TimeLimit = { unit: LimitUnit; amount: number };

/**
 * How a deadline was computed — from an instant, one limit after another (an extension counts on
 * from the deadline before it), never later than `capAt` — so that it can be computed again, e.g.
 * once the official schedule of a year counted provisionally is loaded.
 */
export type DeadlineBasis = {
  from: string;
  limits: TimeLimit[];
  capAt?: string;
  /** `from` is itself a deadline (a case's deadline set before bases were kept): the first limit continues from it. */
  continues?: boolean;
};
export type Deadline = CalendarInstant & { basis: DeadlineBasis };

/** The deadlines a case carries; each is set through `setDeadline`, which keeps its basis. */
export const CASE_DEADLINES = ['dueAt', 'returnDeadline', 'responseDueAt', 'stageDueAt', 'followUpDueAt'] as const;
export type CaseDeadline = (typeof CASE_DEADLINES)[number];

/** A deadline `limit` after `from`, at most `capAt`. */
export function startDeadline(calendar: WorkingCalendar, from: Date, limit: TimeLimit, capAt?: Date): Deadline {
  return computeDeadline(calendar, { from: from.toISOString(), limits: [limit], ...(capAt ? { capAt: capAt.toISOString() } : {}) });
}

/** A deadline that is an instant, not a limit (e.g. "no objection after now"). */
export function fixedDeadline(at: Date): Deadline {
  return { at, provisional: false, basis: { from: at.toISOString(), limits: [] } };
}

/**
 * The deadline `limit` after an existing one: N working days more end N working days after the
 * day the deadline fell on (a deadline at 24:00 belongs to the day that ends there).
 */
export function extendDeadline(calendar: WorkingCalendar, basis: DeadlineBasis, limit: TimeLimit): Deadline {
  return computeDeadline(calendar, { ...basis, limits: [...basis.limits, limit] });
}

export function computeDeadline(calendar: WorkingCalendar, basis: DeadlineBasis): Deadline {
  let at = new Date(basis.from);
  let provisional = false;
  basis.limits.forEach((limit, i) => {
    const next = applyLimit(calendar, at, limit, i > 0 || basis.continues === true);
    at = next.at;
    provisional ||= next.provisional;
  });
  if (basis.capAt && new Date(basis.capAt).getTime() < at.getTime()) return { at: new Date(basis.capAt), provisional: false, basis };
  return { at, provisional, basis };
}

function applyLimit(calendar: WorkingCalendar, from: Date, limit: TimeLimit, continuing: boolean): CalendarInstant {
  switch (limit.unit) {
    case 'WORKING_DAYS':
      // Continuing from a deadline at 24:00: count after the day that ends there, not the next one.
      return calendar.workingDaysAfter(continuing ? new Date(from.getTime() - 1) : from, limit.amount);
    case 'MINUTES':
      return { at: new Date(from.getTime() + limit.amount * 60_000), provisional: false };
    case 'HOURS':
      return { at: new Date(from.getTime() + limit.amount * 3_600_000), provisional: false };
    case 'CALENDAR_DAYS':
      return { at: new Date(from.getTime() + limit.amount * 86_400_000), provisional: false };
    default: {
      const unknown: never = limit.unit;
      throw new Error(`unknown time-limit unit ${String(unknown)}`);
    }
  }
}

/** The deadline of a time limit started at `from` (demo data and tests; cases use `startDeadline`). */
export function computeDueAt(calendar: WorkingCalendar, limit: TimeLimit, from: Date): Date {
  return applyLimit(calendar, from, limit, false).at;
}

/** Sets one of a case's deadlines with its basis, and whether it was computed provisionally; undefined clears it. */
export function setDeadline(c: Case, field: CaseDeadline, deadline: Deadline | undefined): void {
  c[field] = deadline?.at;
  const basis = { ...c.deadlineBasis };
  if (deadline) basis[field] = deadline.basis;
  else delete basis[field];
  c.deadlineBasis = basis;
  const provisional = new Set(c.provisionalDeadlines);
  if (deadline?.provisional) provisional.add(field);
  else provisional.delete(field);
  c.provisionalDeadlines = CASE_DEADLINES.filter((f) => provisional.has(f));
}

/** The basis of one of a case's deadlines; a deadline set before bases were kept counts from itself. */
export function basisOf(c: Case, field: CaseDeadline): DeadlineBasis | undefined {
  const basis = c.deadlineBasis[field];
  if (basis) return basis;
  const at = c[field];
  return at ? { from: at.toISOString(), limits: [], continues: true } : undefined;
}
