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
  /**
   * Requests to rotate through; `__SEQ__` in a body is replaced by a number unique in this run.
   * `then` (intake): sent next on the same connection once the first answered with a case, with
   * `__CASE_ID__` replaced by that case's id.
   */
  requests: { headers: Record<string, string>; body: string; then?: { headers: Record<string, string>; body: string } }[];
  /** How a response counts as correct (others are counted as mismatches). */
  verify: 'page' | 'intake';
  runId: string;
};

/** Intake: cases registered, then dispatched, each answer checked; latency from registering to the dispatch answer. */
export type IntakeCounts = { registered: number; dispatched: number; casesPerSecond: number; caseLatencyP50: number; caseLatencyP99: number };

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
  intake?: IntakeCounts;
};

/** A page of cases: edges present; the only errors allowed are FORBIDDEN on withheld fields. */
const PAGE_OK = (body: string) => body.includes('"edges":[{') && !/"code":"(?!FORBIDDEN")/.test(body);
/** A registered case waiting for dispatch (disposition HANDLE): its id, and no error at all. */
const REGISTERED = /^\{"data":\{"registerCase":\{"id":"([^"]+)","number":"12345-\d{6}-\d{8}-\d{6}","status":"PENDING_DISPATCH"\}\}\}$/;
/** The same case dispatched: status DISPATCHED with a lead unit, and no error at all. */
const DISPATCHED = /^\{"data":\{"dispatchCase":\{"id":"([^"]+)","status":"DISPATCHED","leadUnit":\{"id":"[^"]+"\}/;
const INTAKE_OK = (body: string) => (REGISTERED.test(body) || DISPATCHED.test(body)) && !body.includes('"errors"');

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
}

async function main(): Promise<void> {
  const spec = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
  let next = 0;
  let seq = 0;
  let firstMismatch: string | undefined;
  const check = spec.verify === 'page' ? PAGE_OK : INTAKE_OK;
  const target = new URL(spec.url);
  const mismatch = (body: string) => void (firstMismatch ??= body.slice(0, 500));
  // Intake: the second request of a connection's pair dispatches the case the first registered.
  const counts = { registered: 0, dispatched: 0 };
  const caseLatencies: number[] = [];
  type Pair = { pick?: LoadSpec['requests'][number]; caseId?: string; startedAt?: number };
  const requests: autocannon.SequenceRequest[] = [
    {
      method: 'POST',
      path: target.pathname,
      setupRequest: (request, context: Pair) => {
        const pick = spec.requests[next++ % spec.requests.length]!;
        const body = pick.body.includes('__SEQ__') ? pick.body.replaceAll('__SEQ__', `${spec.runId}-${++seq}`) : pick.body;
        Object.assign(context, { pick, caseId: undefined, startedAt: performance.now() });
        return { ...request, headers: { 'content-type': 'application/json', ...pick.headers }, body };
      },
      onResponse: (status, body, context: Pair) => {
        if (!context.pick?.then) return;
        const registered = status === 200 ? REGISTERED.exec(body) : null;
        if (registered) {
          counts.registered++;
          context.caseId = registered[1];
        }
      },
    },
  ];
  if (spec.requests.some((r) => r.then)) {
    requests.push({
      method: 'POST',
      path: target.pathname,
      // No case to dispatch (the registration failed, and was counted): the pair starts again.
      setupRequest: (request, context: Pair) =>
        context.caseId && context.pick?.then
          ? { ...request, headers: { 'content-type': 'application/json', ...context.pick.then.headers }, body: context.pick.then.body.replaceAll('__CASE_ID__', context.caseId) }
          : null,
      onResponse: (status, body, context: Pair) => {
        const dispatched = status === 200 ? DISPATCHED.exec(body) : null;
        if (dispatched && dispatched[1] === context.caseId && !body.includes('"errors"')) {
          counts.dispatched++;
          caseLatencies.push(performance.now() - context.startedAt!);
        } else if (dispatched) mismatch(`dispatchCase answered for ${dispatched[1]}, not the case registered (${context.caseId})`);
      },
    });
  }
  const result = await autocannon({
    url: target.origin,
    connections: spec.connections,
    duration: spec.durationSeconds,
    timeout: 20,
    requests,
    verifyBody: (body: string) => {
      const ok = check(body);
      if (!ok) mismatch(body);
      return ok;
    },
  });
  caseLatencies.sort((a, b) => a - b);
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
    intake:
      requests.length > 1
        ? { ...counts, casesPerSecond: counts.dispatched / result.duration, caseLatencyP50: Math.round(percentile(caseLatencies, 50)), caseLatencyP99: Math.round(percentile(caseLatencies, 99)) }
        : undefined,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
