/**
 * `npm run bench [-- --quick] [--cases N] [--rounds R] [--duration S] [--connections C] [--cpu-prof] [--only A,B,…] [--serve] [--exchange-rate N] [--pool N]`
 *
 * Loads the data (bench/dataset.ts), starts every server under test in its own process, and drives
 * each with autocannon from a separate process (bench/load-client.ts): warm-up first, then the read
 * scenarios interleaved round-robin for several rounds, medians and spread; then intake (E), the
 * exchange (F) and the statement count (G). Writes bench/results/latest.json and latest.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/platform/db/embedded';
import { loadOrCreateKeyPair } from '../src/platform/identity/keys';
import type { Principal } from '../src/platform/identity/principal';
import { issueToken } from '../src/platform/identity/tokens';
import { createLogger } from '../src/platform/logging';
import { prepareDataset, type Dataset } from './dataset';
import { cpuPerRequest, findPostmaster, sampleCpu } from './cpu';
import { runExchange, type ExchangeResult } from './exchange';
import type { LoadResult, LoadSpec } from './load-client';
import { freePort, killChildren, ROOT, runChild, startServer, type ServerProcess } from './processes';
import { PROCESSES, writeResults, type IntakeStored, type ReadScenario, type Results } from './report';

type Args = { quick: boolean; cases: number; rounds: number; duration: number; warmup: number; connections: number; cpuProf: boolean; only: string[] | null; serve: boolean; exchangeRate: number; pool: number };

function parseArgs(argv: string[]): Args {
  const quick = argv.includes('--quick');
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  const int = (name: string, fallback: number, min: number) => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name}: must be an integer ≥ ${min} (got ${raw})`);
    return n;
  };
  return {
    quick,
    cases: int('--cases', quick ? 20_000 : 100_000, 1_000),
    rounds: int('--rounds', quick ? 2 : 3, 1),
    duration: int('--duration', quick ? 3 : 10, 1),
    warmup: int('--warmup', quick ? 1 : 5, 0),
    connections: int('--connections', 20, 1),
    cpuProf: argv.includes('--cpu-prof'),
    only: value('--only')?.split(',') ?? null,
    serve: argv.includes('--serve'),
    exchangeRate: int('--exchange-rate', 250, 1),
    // Connections per module and process, the same for the hub and the plain subgraphs: on two
    // cores, 20 busy PostgreSQL backends per process only contend (docs/operations.md, sizing).
    pool: int('--pool', 5, 1),
  };
}

const t0 = Date.now();
const say = (line: string) => process.stdout.write(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

/** The page every read scenario asks for: 20 cases of a unit, with caller, lead unit and transfers. */
export const PAGE_QUERY = /* GraphQL */ `query CasePage($first: Int, $unitId: ID) {
  cases(first: $first, filter: { unitId: $unitId }) {
    edges { node { id number title status createdAt caller { name phone } leadUnit { id name } transfers { partner status externalRef } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * Intake with dispatch, as the public API does it: the operator registers (disposition HANDLE, the
 * case waits for dispatch), then a dispatcher of the city dispatches it by the dispatch catalog.
 * Operators may not dispatch (66号 (五): the hotline agency decides), and registerCase has no
 * dispatch field, so one case is two requests on one connection.
 */
const INTAKE_MUTATION = /* GraphQL */ `mutation RegisterCase($input: RegisterCaseInput!) {
  registerCase(input: $input) { id number status }
}`;
const DISPATCH_MUTATION = /* GraphQL */ `mutation DispatchCase($caseId: ID!) {
  dispatchCase(caseId: $caseId) { id status leadUnit { id } coUnits { id } }
}`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async () => {
    if (stopping) return;
    stopping = true;
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  const onSignal = (signal: string) => {
    say(`${signal}: stopping every server this run started`);
    void stopAll().finally(() => {
      killChildren();
      process.exit(130);
    });
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  try {
    const log = createLogger({ level: 'warn' });
    const benchDir = path.join(ROOT, '.data/bench');
    const loadStart = os.loadavg();
    say(`mode ${args.quick ? 'quick' : 'full'}: ${args.cases} cases, ${args.rounds} rounds × ${args.duration} s per scenario, ${args.connections} connections`);

    let serverUrl = process.env.DATABASE_URL;
    // Its CPU is counted per request when it runs here (the embedded cluster).
    let postmaster: number | null = null;
    if (!serverUrl) {
      say('starting the embedded PostgreSQL (.data/bench/pg)');
      const pg = await startEmbeddedPostgres({ dataDir: path.join(benchDir, 'pg'), log });
      stops.push(() => pg.stop());
      serverUrl = pg.url;
      postmaster = findPostmaster(path.join(benchDir, 'pg'));
    }
    const dataset = await prepareDataset(serverUrl, args.cases, log, say);
    say(`data ready: ${dataset.cases} cases, ${dataset.handlers.length} handler principals${dataset.loadedInMs !== null ? `, loaded in ${(dataset.loadedInMs / 1000).toFixed(1)} s` : ''}`);

    const dataDir = path.join(benchDir, 'hub');
    fs.mkdirSync(dataDir, { recursive: true });
    const servers = await startServers(dataset, dataDir, args, stops);
    const keys = await loadOrCreateKeyPair(dataDir, 'jwt');
    const token = (p: Principal) => issueToken(p, { ...keys, issuer: 'hotline-hub-dev', audience: 'hotline-hub' });

    // Requests of the read scenarios: one per handler principal (each its own unit's page).
    const pageBody = (unitId: string, first = 20) => JSON.stringify({ query: PAGE_QUERY, variables: { first, unitId } });
    const hubRequests = await Promise.all(
      dataset.handlers.map(async (p) => ({ headers: { authorization: `Bearer ${await token(p)}`, 'x-purpose': 'HANDLING' }, body: pageBody(p.unit!) })),
    );
    const plainRequests = dataset.handlers.map((p) => ({ headers: {}, body: pageBody(p.unit!) }));
    const scenarios: { key: ReadScenario; url: string; requests: typeof hubRequests }[] = [
      { key: 'A', url: servers.urlOf('hub-gateway'), requests: hubRequests },
      { key: 'A1', url: servers.urlOf('hub-single'), requests: hubRequests },
      { key: 'B', url: servers.urlOf('hive-gateway'), requests: plainRequests },
      { key: 'B′', url: servers.urlOf('hive-rust-gateway'), requests: plainRequests },
      { key: 'C', url: servers.urlOf('apollo-gateway'), requests: plainRequests },
      { key: 'D', url: servers.urlOf('plain-hotline'), requests: plainRequests.map((r) => ({ ...r, body: JSON.stringify({ query: PAGE_QUERY.replace(/ transfers \{[^}]*\}/, ''), variables: JSON.parse(r.body).variables }) })) },
    ].filter((s) => !args.only || args.only.includes(s.key)) as { key: ReadScenario; url: string; requests: typeof hubRequests }[];

    const equivalence = await checkEquivalence(scenarios, dataset);
    if (scenarios.length > 0) say(`checked: every candidate answers the same ${equivalence.cases} cases for ${equivalence.units} units (the hub filtered by policy, the others by filter)`);

    if (args.serve) {
      // Everything stays up for manual runs and profiling until Ctrl-C.
      for (const s of scenarios) say(`${s.key.padEnd(3)} ${s.url}`);
      const file = path.join(ROOT, 'bench/results/tmp/serve.json');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(Object.fromEntries(scenarios.map((s) => [s.key, { url: s.url, request: s.requests[0] }])), null, 2));
      say(`serving; one request per scenario in ${path.relative(ROOT, file)}; Ctrl-C stops`);
      await new Promise(() => undefined);
    }
    const tmp = path.join(ROOT, 'bench/results/tmp');
    fs.mkdirSync(tmp, { recursive: true });
    const runLoad = async (spec: Omit<LoadSpec, 'connections' | 'runId'> & { connections?: number; runId?: string }): Promise<LoadResult> => {
      const file = path.join(tmp, `spec-${process.pid}.json`);
      fs.writeFileSync(file, JSON.stringify({ connections: args.connections, runId: `${process.pid}-${Date.now().toString(36)}`, ...spec }));
      const out = await runChild('bench/load-client.ts', [file]);
      return JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult;
    };

    if (args.warmup > 0) {
      for (const s of scenarios) {
        say(`warm-up ${s.key} (${args.warmup} s)`);
        await runLoad({ url: s.url, durationSeconds: args.warmup, requests: s.requests, verify: 'page' });
      }
    }
    const rounds: Record<string, LoadResult[]> = Object.fromEntries(scenarios.map((s) => [s.key, []]));
    const cpu: Record<string, Record<string, number>[]> = Object.fromEntries(scenarios.map((s) => [s.key, []]));
    for (let round = 0; round < args.rounds; round++) {
      // Round-robin, starting one further each round, so no candidate always runs first or last.
      const order = scenarios.map((_, i) => scenarios[(i + round) % scenarios.length]!);
      for (const s of order) {
        const pids = Object.fromEntries(PROCESSES[s.key].map((name) => [name, servers.pidOf(name)]));
        const before = sampleCpu(pids, postmaster);
        const result = await runLoad({ url: s.url, durationSeconds: args.duration, requests: s.requests, verify: 'page' });
        cpu[s.key]!.push(cpuPerRequest(before, sampleCpu(pids, postmaster), result.total));
        rounds[s.key]!.push(result);
        say(`round ${round + 1}/${args.rounds} ${s.key.padEnd(3)} ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${result.latencyP50} ms  p99 ${result.latencyP99} ms${result.mismatches + result.non2xx + result.errors ? `  ✗ ${result.mismatches} wrong, ${result.non2xx} non-2xx, ${result.errors} errors` : ''}`);
        if (result.firstMismatch) say(`  first wrong answer: ${result.firstMismatch}`);
      }
    }

    // G — SQL statements per request for A at first = 10, 50, 100 (the subgraphs' own counters).
    const statements: Record<string, number> = {};
    if (!args.only || args.only.includes('G')) {
      const principal = dataset.handlers[0]!;
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${await token(principal)}`, 'x-purpose': 'HANDLING' };
      for (const first of [10, 50, 100]) {
        const send = () => fetch(servers.urlOf('hub-gateway'), { method: 'POST', headers, body: pageBody(principal.unit!, first) }).then((r) => r.json());
        await send();
        const before = await servers.statementCount();
        const answer = (await send()) as { data?: { cases?: { edges: unknown[] } } };
        const after = await servers.statementCount();
        if (answer.data?.cases?.edges.length !== first) throw new Error(`G: expected ${first} cases, got ${JSON.stringify(answer).slice(0, 600)}`);
        statements[String(first)] = after - before;
      }
      say(`G statements per request: ${Object.entries(statements).map(([f, n]) => `first=${f}: ${n}`).join(', ')}`);
    }

    // E — intake with dispatch: registerCase (each with its own key), then dispatchCase by the
    // catalog, through the hub; the cases stored, dispatched and their outbox messages are counted.
    let intake: (LoadResult & { stored: IntakeStored }) | null = null;
    if (!args.only || args.only.includes('E')) {
      const operators = await Promise.all(dataset.operators.map(async (p, i) => ({ p, auth: `Bearer ${await token(p)}`, dispatcher: `Bearer ${await token(dataset.dispatchers[i]!)}` })));
      const requests = operators.map(({ p, auth, dispatcher }, i) => ({
        headers: { authorization: auth, 'x-purpose': 'INTAKE' },
        body: JSON.stringify({
          query: INTAKE_MUTATION,
          variables: {
            input: {
              channel: 'PHONE',
              type: 'COMPLAINT',
              urgency: 'NORMAL',
              disposition: 'HANDLE',
              categoryCode: '0104',
              title: '夜间施工噪音扰民',
              description: '工地连续多日夜间22点后施工，诉求尽快制止。',
              region: p.region === '141100' ? '141102' : '140105',
              address: p.region === '141100' ? '吕梁市离石区滨河街道龙凤南路18号' : '太原市小店区坞城街道',
              caller: { name: '张三', phone: `1381234${String(i).padStart(4, '0')}`, callbackConsent: true },
              idempotencyKey: 'bench-__SEQ__',
            },
          },
        }),
        then: { headers: { authorization: dispatcher, 'x-purpose': 'DISPATCH' }, body: JSON.stringify({ query: DISPATCH_MUTATION, variables: { caseId: '__CASE_ID__' } }) },
      }));
      if (args.warmup > 0) {
        say(`warm-up E (${args.warmup} s)`);
        await runLoad({ url: servers.urlOf('hub-gateway'), durationSeconds: args.warmup, requests, verify: 'intake' });
      }
      // At least 5 s, like F: a case takes two requests, and a 3-second quick run ends after one or two per connection.
      const seconds = Math.max(5, args.duration);
      const runId = `e-${process.pid}-${Date.now().toString(36)}`;
      say(`E intake with dispatch (${seconds} s)`);
      const load = await runLoad({ url: servers.urlOf('hub-gateway'), durationSeconds: seconds, requests, verify: 'intake', runId });
      const stored = await countIntake(dataset.url, runId);
      intake = { ...load, stored };
      const counts = load.intake!;
      const wrong = load.mismatches + load.non2xx + load.errors + load.timeouts;
      const problems = [
        wrong && `${wrong} wrong answers${load.firstMismatch ? ` (first: ${load.firstMismatch})` : ''}`,
        stored.stored < counts.registered && `${counts.registered - stored.stored} registrations answered but not stored`,
        stored.dispatched < counts.dispatched && `${counts.dispatched - stored.dispatched} dispatches answered but not stored`,
        stored.stored !== stored.dispatched + stored.pendingDispatch && `${stored.stored - stored.dispatched - stored.pendingDispatch} cases neither dispatched nor pending dispatch`,
        // A run stops between the two requests of at most one pair per connection: only those stay PENDING_DISPATCH.
        stored.pendingDispatch > args.connections && `${stored.pendingDispatch} cases left pending dispatch, more than one per connection`,
      ].filter(Boolean);
      say(
        `E ${counts.casesPerSecond.toFixed(1)} cases/s registered and dispatched  p50 ${counts.caseLatencyP50} ms  p99 ${counts.caseLatencyP99} ms per case (both requests); ` +
          `answers: ${counts.registered} registered, ${counts.dispatched} dispatched; database: ${stored.stored} cases stored, ${stored.dispatched} dispatched with a lead unit, ${stored.pendingDispatch} left pending dispatch at the stop, ` +
          `${stored.outboxMessages} outbox messages, ${stored.accessEvents} access events` +
          (problems.length ? `  ✗ ${problems.join('; ')}` : ''),
      );
    }

    // F — exchange: transfers delivered to the partner and acknowledged.
    let exchange: ExchangeResult | null = null;
    if (!args.only || args.only.includes('F')) {
      exchange = await runExchange({ hubEnv: servers.hubEnv, nodeOptions: args.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', path.join(ROOT, 'bench/results/tmp/prof')] : undefined, seconds: Math.max(5, args.duration), rate: args.exchangeRate, say, stops });
    }

    const peakRss = servers.peakRss();
    const results: Results = {
      generatedAt: new Date().toISOString(),
      mode: args.quick ? 'quick' : 'full',
      settings: { cases: dataset.cases, rounds: args.rounds, durationSeconds: args.duration, warmupSeconds: args.warmup, connections: args.connections, principals: dataset.handlers.length },
      machine: {
        cpu: os.cpus()[0]?.model ?? 'unknown',
        cores: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        platform: `${os.type()} ${os.release()}`,
        loadAverageAtStart: loadStart.map((l) => Number(l.toFixed(2))),
        loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
      },
      rounds,
      cpuMsPerRequest: cpu,
      peakRssMiB: peakRss,
      statementsPerRequest: statements,
      intake,
      exchange,
      equivalence,
      cpuProfiles: args.cpuProf ? 'bench/results/tmp/prof' : null,
    };
    const written = writeResults(results, path.join(ROOT, 'bench/results'));
    say(`results: ${written.json}, ${written.md}`);
    process.stdout.write(`\n${written.table}\n`);
  } finally {
    say('stopping the servers');
    await stopAll();
  }
}

type Servers = {
  /** The environment the hub's processes run with (F starts its own exchange process from it). */
  hubEnv: Record<string, string>;
  urlOf(name: string): string;
  pidOf(name: string): number;
  statementCount(): Promise<number>;
  peakRss(): Record<string, number | null>;
};

/** Every server under test, each in its own process, started at once. */
async function startServers(dataset: Dataset, dataDir: string, args: Args, stops: (() => Promise<void>)[]): Promise<Servers> {
  const ports = { hotline: await freePort(), exchange: await freePort(), audit: await freePort(), plainHotline: await freePort(), plainExchange: await freePort() };
  const hubEnv = {
    DATABASE_URL: dataset.url,
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    // Background jobs (outbox worker, schedulers) are off for the read and intake scenarios: their
    // polling would mix into the statement count; F measures delivery on its own.
    BACKGROUND_JOBS: 'off',
    LOG_LEVEL: 'warn',
    DATABASE_POOL_MAX: String(args.pool),
    // Rate limits stay ON (one counter UPSERT per operation), with a budget the load cannot exhaust.
    RATE_LIMIT_PER_PRINCIPAL: '10000000',
    RATE_LIMIT_PER_PARTNER: '10000000',
    // The page touches hotline and exchange only; the other subgraphs are composed but not run.
    SUBGRAPH_URLS: [
      `hotline=http://127.0.0.1:${ports.hotline}/graphql`,
      `exchange=http://127.0.0.1:${ports.exchange}/graphql`,
      ...['audit', 'petition', 'supervision', 'utilities'].map((name) => `${name}=http://127.0.0.1:${ports.audit}/graphql`),
    ].join(','),
  };
  // Node names each profile CPU.<date>.<pid>.<thread>…; thread 0 is the server, the others tsx's loader.
  const prof = () => (args.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', path.join(ROOT, 'bench/results/tmp/prof')] : []);
  const hubReady = /hotline-hub is ready/;
  const benchReady = /bench server ready on (\d+)/;
  const plainUrls = `hotline=http://127.0.0.1:${ports.plainHotline}/graphql,exchange=http://127.0.0.1:${ports.plainExchange}/graphql`;
  const wanted = (key: string) => !args.only || args.only.includes(key) || ['E', 'G'].some((k) => args.only!.includes(k) && key === 'A');
  const specs: { name: string; key: string; start: () => Promise<ServerProcess> }[] = [
    { name: 'hub-hotline', key: 'A', start: async () => startServer({ name: 'hub-hotline', entry: 'src/main.ts', args: ['--only', 'hotline'], env: hubEnv, ready: hubReady, port: ports.hotline, nodeOptions: prof() }) },
    { name: 'hub-exchange', key: 'A', start: async () => startServer({ name: 'hub-exchange', entry: 'src/main.ts', args: ['--only', 'exchange'], env: hubEnv, ready: hubReady, port: ports.exchange, nodeOptions: prof() }) },
    { name: 'hub-gateway', key: 'A', start: async () => { const port = await freePort(); return startServer({ name: 'hub-gateway', entry: 'src/main.ts', args: ['--only', 'gateway'], env: { ...hubEnv, PORT: String(port) }, ready: hubReady, port, nodeOptions: prof() }); } },
    { name: 'hub-single', key: 'A1', start: async () => { const port = await freePort(); return startServer({ name: 'hub-single', entry: 'src/main.ts', env: { ...hubEnv, PORT: String(port) }, ready: hubReady, port, nodeOptions: prof() }); } },
    { name: 'plain-hotline', key: 'BCD', start: () => startServer({ name: 'plain-hotline', entry: 'bench/servers/plain-subgraph.ts', args: ['hotline'], env: { DATABASE_URL: dataset.url, DATABASE_POOL_MAX: String(args.pool), PORT: String(ports.plainHotline) }, ready: benchReady, nodeOptions: prof() }) },
    { name: 'plain-exchange', key: 'BC', start: () => startServer({ name: 'plain-exchange', entry: 'bench/servers/plain-subgraph.ts', args: ['exchange'], env: { DATABASE_URL: dataset.url, DATABASE_POOL_MAX: String(args.pool), PORT: String(ports.plainExchange) }, ready: benchReady, nodeOptions: prof() }) },
    { name: 'hive-gateway', key: 'B', start: () => startServer({ name: 'hive-gateway', entry: 'bench/servers/gateway.ts', args: ['hive'], env: { SUBGRAPH_URLS: plainUrls }, ready: benchReady, nodeOptions: prof() }) },
    { name: 'hive-rust-gateway', key: 'B′', start: () => startServer({ name: 'hive-rust-gateway', entry: 'bench/servers/gateway.ts', args: ['hive-rust'], env: { SUBGRAPH_URLS: plainUrls }, ready: benchReady, nodeOptions: prof() }) },
    { name: 'apollo-gateway', key: 'C', start: () => startServer({ name: 'apollo-gateway', entry: 'bench/servers/gateway.ts', args: ['apollo'], env: { SUBGRAPH_URLS: plainUrls }, ready: benchReady, nodeOptions: prof() }) },
  ];
  const needed = specs.filter((s) => {
    if (s.key === 'BCD') return ['B', 'B′', 'C', 'D'].some(wanted);
    if (s.key === 'BC') return ['B', 'B′', 'C'].some(wanted);
    return wanted(s.key);
  });
  // Started all at once: most of a start is loading modules and building schemas, which overlaps.
  const started: Record<string, ServerProcess> = {};
  say(`starting ${needed.map((s) => s.name).join(', ')}`);
  const results = await Promise.allSettled(needed.map((s) => s.start()));
  for (const r of results) {
    if (r.status === 'fulfilled') {
      started[r.value.name] = r.value;
      stops.push(() => r.value.stop());
    }
  }
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const metricsUrl = (name: string) => `http://127.0.0.1:${started[name]!.port}/metrics`;
  return {
    hubEnv,
    urlOf(name) {
      const p = started[name];
      if (!p) return '';
      return `http://127.0.0.1:${p.port}/graphql`;
    },
    pidOf(name) {
      const p = started[name];
      if (!p) throw new Error(`${name} was not started`);
      return p.pid;
    },
    async statementCount() {
      let total = 0;
      for (const name of ['hub-hotline', 'hub-exchange']) {
        const text = await (await fetch(metricsUrl(name))).text();
        for (const m of text.matchAll(/^hub_db_statement_duration_seconds_count\{[^}]*\} (\d+)/gm)) total += Number(m[1]);
      }
      return total;
    },
    peakRss: () => Object.fromEntries(Object.values(started).map((p) => [p.name, p.peakRssMiB()])),
  };
}

/**
 * Before measuring: for a few units, every candidate returns the same 20 cases in the same order
 * (the hub through the handler's row policy, the others through the unit filter), so the scenarios
 * do the same work.
 */
async function checkEquivalence(scenarios: { key: string; url: string; requests: { headers: Record<string, string>; body: string }[] }[], dataset: Dataset): Promise<{ units: number; cases: number }> {
  const sample = [0, Math.floor(dataset.handlers.length / 2), dataset.handlers.length - 1];
  let cases = 0;
  for (const i of sample) {
    let reference: string | undefined;
    for (const s of scenarios) {
      const r = s.requests[i]!;
      const response = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json', ...r.headers }, body: r.body });
      const body = (await response.json()) as { data?: { cases?: { edges: { node: { id: string } }[] } }; errors?: { extensions?: { code?: string } }[] };
      const unexpected = (body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN');
      const ids = body.data?.cases?.edges.map((e) => e.node.id) ?? [];
      if (response.status !== 200 || unexpected.length > 0 || ids.length !== 20) {
        throw new Error(`${s.key} answered ${response.status} with ${ids.length} cases: ${JSON.stringify(body).slice(0, 600)}`);
      }
      const key = ids.join(',');
      if (reference === undefined) reference = key;
      else if (key !== reference) throw new Error(`${s.key} returned other cases than ${scenarios[0]!.key} for unit ${dataset.handlers[i]!.unit}`);
    }
    cases += 20;
  }
  return { units: sample.length, cases };
}

/**
 * What E's measured run left in the database: its cases (by the idempotency keys of that run, which
 * the hub prefixes with the operator's sub), their states, outbox messages and access events. Counted
 * again until two counts agree, so requests still in flight when the load stopped have committed.
 */
async function countIntake(url: string, runId: string): Promise<IntakeStored> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const count = async () =>
      (
        await client.query<IntakeStored>(
          `with mine as (select id, status, lead_unit_id from hotline."case" where idempotency_key like $1)
           select (select count(*)::int from mine) as "stored",
                  (select count(*)::int from mine where status = 'DISPATCHED' and lead_unit_id is not null) as "dispatched",
                  (select count(*)::int from mine where status = 'PENDING_DISPATCH') as "pendingDispatch",
                  (select count(*)::int from hotline.outbox where topic = 'case.changed' and key in (select id::text from mine)) as "outboxMessages",
                  (select count(*)::int from audit.access_event where subject_id in (select id::text from mine)) as "accessEvents"`,
          [`bench-op-%:bench-${runId}-%`],
        )
      ).rows[0]!;
    let last = await count();
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const next = await count();
      if (JSON.stringify(next) === JSON.stringify(last)) break;
      last = next;
    }
    return last;
  } finally {
    await client.end();
  }
}

void main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  killChildren();
  process.exit(1);
});
