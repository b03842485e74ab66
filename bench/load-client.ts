/**
 * The load generator, run as its own process (never inside a server under test): autocannon against
 * one URL, rotating through the given requests (one per principal) so that consecutive requests on
 * every connection belong to different principals. Prints one JSON line with the result.
 *
 *   node --import tsx bench/load-client.ts <spec.json>
 */
import fs from 'node:fs';
import autocannon from 'autocannon';

export type LoadSpec = {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Requests to rotate through; `__SEQ__` in a body is replaced by a number unique in this run. */
  requests: { headers: Record<string, string>; body: string }[];
  /** How a response counts as correct (others are counted as mismatches). */
  verify: 'page' | 'intake';
  runId: string;
};

export type LoadResult = {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  total: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  durationSeconds: number;
  firstMismatch?: string;
};

/** A page of cases: edges present; the only errors allowed are FORBIDDEN on withheld fields. */
const PAGE_OK = (body: string) => body.includes('"edges":[{') && !/"code":"(?!FORBIDDEN")/.test(body);
/** A registered case: its id, and no error at all. */
const INTAKE_OK = (body: string) => body.includes('"registerCase":{"id"') && !body.includes('"errors"');

async function main(): Promise<void> {
  const spec = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
  let next = 0;
  let seq = 0;
  let firstMismatch: string | undefined;
  const check = spec.verify === 'page' ? PAGE_OK : INTAKE_OK;
  const target = new URL(spec.url);
  const result = await autocannon({
    url: target.origin,
    connections: spec.connections,
    duration: spec.durationSeconds,
    timeout: 20,
    requests: [
      {
        method: 'POST',
        path: target.pathname,
        setupRequest: (request: autocannon.Request) => {
          const pick = spec.requests[next++ % spec.requests.length]!;
          const body = pick.body.includes('__SEQ__') ? pick.body.replaceAll('__SEQ__', `${spec.runId}-${++seq}`) : pick.body;
          return { ...request, headers: { 'content-type': 'application/json', ...pick.headers }, body };
        },
      },
    ],
    verifyBody: (body: string) => {
      const ok = check(body);
      if (!ok && !firstMismatch) firstMismatch = body.slice(0, 500);
      return ok;
    },
  });
  const out: LoadResult = {
    requestsPerSecond: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    total: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches ?? 0,
    durationSeconds: result.duration,
    firstMismatch,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
