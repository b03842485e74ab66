import type { Logger } from './logging';

type Step = {
  name: string;
  run: () => Promise<void>;
  /** Called once the grace period is over and the hub is not yet stopped: ends what this step still holds, describing it (or undefined: nothing held). */
  force?: () => string | undefined;
};

/**
 * The hub's shutdown: its steps run in the reverse order of their registration (the last thing
 * started stops first), all within one grace period (SHUTDOWN_GRACE_MS). A step still running when
 * the period ends — a pool waiting for a connection PostgreSQL will never answer on again, a worker
 * waiting for such a statement — does not hold the process: every step's `force` ends what it
 * holds (sockets are closed), each step then gets a moment to finish, and whatever was abandoned
 * is logged by name. A stop is therefore bounded by the grace period plus about a second a step.
 */
export class Shutdown {
  private steps: Step[] = [];
  private stopping: Promise<{ abandoned: string[] }> | undefined;

  constructor(
    private readonly graceMs: number,
    private readonly log: Logger,
  ) {}

  add(name: string, run: () => Promise<void>, force?: () => string | undefined): void {
    this.steps.push({ name, run, force });
  }

  /** Runs the steps once; later calls wait for the first. */
  run(): Promise<{ abandoned: string[] }> {
    this.stopping ??= this.runSteps();
    return this.stopping;
  }

  private async runSteps(): Promise<{ abandoned: string[] }> {
    const steps = this.steps.splice(0).reverse();
    const deadline = Date.now() + this.graceMs;
    const abandoned: string[] = [];
    let forced: string[] | undefined;
    for (const step of steps) {
      const running = step.run().catch((error: unknown) => this.log.error({ err: error, step: step.name }, 'shutdown step failed'));
      if (forced === undefined && (await within(running, deadline - Date.now()))) continue;
      // The grace period is over: end what every step still holds, so that this one and the rest finish.
      forced ??= steps.map((s) => s.force?.()).filter((d): d is string => d !== undefined);
      if (!(await within(running, AFTER_FORCE_MS))) abandoned.push(step.name);
    }
    if (forced !== undefined) {
      this.log.error(
        { graceMs: this.graceMs, closed: forced, abandoned },
        `shutdown grace period over: ${[...forced, ...abandoned.map((name) => `${name} (unfinished)`)].join('; ') || 'every step finished once forced'}`,
      );
    }
    return { abandoned };
  }
}

const AFTER_FORCE_MS = 1_000;

function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  if (ms <= 0) return Promise.race([promise.then(() => true), Promise.resolve(false)]);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref();
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
