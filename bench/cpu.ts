/**
 * CPU time per process, read from /proc (Linux): what each server of a scenario spends per
 * request, the evidence behind the ratios (a gateway that is slower because its subgraphs do more
 * work shows it here). PostgreSQL is the postmaster of the bench's embedded cluster and all its
 * children (backends, background workers); with DATABASE_URL it is another machine's, not counted.
 */
import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces); null when gone. */
function statOf(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime + stime (+ the reaped children's, for the postmaster) in seconds, from `statOf` fields. */
function cpuSeconds(fields: string[], withChildren = false): number {
  // Field n of proc(5) is fields[n - 3]: pid and comm come before the slice.
  const at = (n: number) => Number(fields[n - 3]);
  return (at(14) + at(15) + (withChildren ? at(16) + at(17) : 0)) / TICKS;
}

/** The postmaster serving `dataDir`, if it runs on this machine. */
export function findPostmaster(dataDir: string): number | null {
  if (!fs.existsSync('/proc')) return null;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const d = cmd.indexOf('-D');
      if (cmd[0]?.endsWith('/postgres') && d >= 0 && cmd[d + 1] === dataDir) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/** The postmaster's CPU with every child's, live (read directly) or exited (reaped into its stat). */
function postgresSeconds(postmaster: number): number | null {
  const own = statOf(postmaster);
  if (!own) return null;
  let total = cpuSeconds(own, true);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statOf(Number(entry));
    // Field 4 is the parent's pid.
    if (fields && Number(fields[1]) === postmaster) total += cpuSeconds(fields);
  }
  return total;
}

export type CpuSample = Record<string, number | null>;

/** Samples the named processes (and PostgreSQL as `postgres` when a postmaster is given). */
export function sampleCpu(pids: Record<string, number>, postmaster: number | null): CpuSample {
  const sample: CpuSample = Object.fromEntries(Object.entries(pids).map(([name, pid]) => {
    const fields = statOf(pid);
    return [name, fields && cpuSeconds(fields)];
  }));
  if (postmaster !== null) sample.postgres = postgresSeconds(postmaster);
  return sample;
}

/** Milliseconds of CPU per request between two samples, per process. */
export function cpuPerRequest(before: CpuSample, after: CpuSample, requests: number): Record<string, number> {
  const out: Record<string, number> = {};
  if (requests <= 0) return out;
  for (const [name, end] of Object.entries(after)) {
    const start = before[name];
    if (end === null || start === null || start === undefined) continue;
    out[name] = Number((((end - start) * 1000) / requests).toFixed(2));
  }
  return out;
}
