/**
 * Every time-based rule takes a Clock, so tests move time instead of sleeping (docs/design.md decision 7).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at `start` and runs forward with real time (`DEV_NOW`): a development hub
 * lives on a chosen day — the year end, the Spring Festival — without waiting for it.
 */
export function clockStartingAt(start: Date, real: () => number = Date.now): Clock {
  const offset = start.getTime() - real();
  return { now: () => new Date(real() + offset) };
}

/** A clock that only moves when told to. Used by tests and by `npm run bench` to replay history. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-11-02T09:00:00+08:00') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }

  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }

  advanceHours(hours: number): void {
    this.advance(hours * 3_600_000);
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}
