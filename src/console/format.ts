/** China time (UTC+8, no daylight saving) whatever the browser's own time zone. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-27 10:00:05` in China time. */
export function chinaTime(value: string | Date | null | undefined, withSeconds = true): string {
  if (!value) return '—';
  const d = new Date(new Date(value).getTime() + CHINA_OFFSET_MS);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${withSeconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
  return `${date} ${time}`;
}

/** An RFC 3339 string with the +08:00 offset, as the API takes it. */
export function chinaIso(value: Date): string {
  const d = new Date(value.getTime() + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

/** `YYYY-MM-DDTHH:mm` (an `<input type="datetime-local">` value) read as China time. */
export function fromLocalInput(value: string): Date | null {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(value)) return null;
  return new Date(`${value}:00+08:00`);
}

export function toLocalInput(value: Date): string {
  return chinaIso(value).slice(0, 16);
}

/** The parts of a moment in China time. */
export function chinaParts(value: Date): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(value.getTime() + CHINA_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: (d.getUTCDay() + 6) % 7 };
}

/** Midnight (China time) of the given date parts. */
export function chinaMidnight(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - CHINA_OFFSET_MS);
}

export type PeriodPreset = 'today' | 'thisWeek' | 'last7Days' | 'thisMonth' | 'lastMonth' | 'last30Days' | 'thisYear' | 'last3Days';

/** [from, to) for a preset, in China time; `to` is now (or the month's end). */
export function presetPeriod(preset: PeriodPreset, now = new Date()): { from: Date; to: Date } {
  const { year, month, day, weekday } = chinaParts(now);
  const today = chinaMidnight(year, month, day);
  const days = (n: number) => n * 86_400_000;
  switch (preset) {
    case 'today':
      return { from: today, to: now };
    case 'thisWeek':
      return { from: new Date(today.getTime() - days(weekday)), to: now };
    case 'last3Days':
      return { from: new Date(now.getTime() - days(3)), to: now };
    case 'last7Days':
      return { from: new Date(now.getTime() - days(7)), to: now };
    case 'last30Days':
      return { from: new Date(now.getTime() - days(30)), to: now };
    case 'thisMonth':
      return { from: chinaMidnight(year, month, 1), to: now };
    case 'lastMonth':
      return { from: chinaMidnight(month === 1 ? year - 1 : year, month === 1 ? 12 : month - 1, 1), to: chinaMidnight(year, month, 1) };
    case 'thisYear':
      return { from: chinaMidnight(year, 1, 1), to: now };
    default: {
      const unknown: never = preset;
      throw new Error(`unknown period ${String(unknown)}`);
    }
  }
}

export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export function shortHash(hash: string | null | undefined, length = 12): string {
  return hash ? `${hash.slice(0, length)}…` : '—';
}
