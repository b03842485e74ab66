import fs from 'node:fs';
import path from 'node:path';
import type { ExchangeResult } from './exchange';
import type { LoadResult } from './load-client';

/** What scenario E left in the database (bench/run.ts, countIntake). */
export type IntakeStored = { stored: number; dispatched: number; pendingDispatch: number; outboxMessages: number; accessEvents: number };

export type ReadScenario = 'A' | 'A1' | 'B' | 'B′' | 'C' | 'D';

export type Results = {
  generatedAt: string;
  mode: 'quick' | 'full';
  settings: { cases: number; rounds: number; durationSeconds: number; warmupSeconds: number; connections: number; principals: number };
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; platform: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  rounds: Record<string, LoadResult[]>;
  /** Per scenario, per round: CPU milliseconds per request of each of its processes (and PostgreSQL). */
  cpuMsPerRequest: Record<string, Record<string, number>[]>;
  peakRssMiB: Record<string, number | null>;
  statementsPerRequest: Record<string, number>;
  intake: (LoadResult & { stored: IntakeStored }) | null;
  exchange: ExchangeResult | null;
  equivalence: { units: number; cases: number };
  cpuProfiles: string | null;
};

const LABELS: Record<ReadScenario, string> = {
  A: 'A — the hub (gateway + hotline + exchange processes; identity, policy, masking, audit, limits, rate limits on)',
  A1: 'A₁ — the hub in one process (`npm start`: subgraphs in-process, same safeguards)',
  B: 'B — Hive gateway runtime, plain (merging off; no identity, policy, audit)',
  'B′': 'B′ — B with the Rust query planner (@graphql-hive/router-runtime)',
  C: 'C — @apollo/gateway 2.14.4 + @apollo/server 5.5.1',
  D: 'D — the hotline subgraph queried directly (no transfers; the ceiling)',
};

/** Which processes serve each scenario (peak RSS is reported per process). */
export const PROCESSES: Record<ReadScenario, string[]> = {
  A: ['hub-gateway', 'hub-hotline', 'hub-exchange'],
  A1: ['hub-single'],
  B: ['hive-gateway', 'plain-hotline', 'plain-exchange'],
  'B′': ['hive-rust-gateway', 'plain-hotline', 'plain-exchange'],
  C: ['apollo-gateway', 'plain-hotline', 'plain-exchange'],
  D: ['plain-hotline'],
};

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export type Summary = { reqPerSec: number; min: number; max: number; spreadPct: number; p50: number; p99: number; wrong: number; rounds: number[] };

export function summarise(rounds: LoadResult[]): Summary {
  const rps = rounds.map((r) => r.requestsPerSecond);
  const m = median(rps);
  return {
    reqPerSec: Math.round(m),
    min: Math.round(Math.min(...rps)),
    max: Math.round(Math.max(...rps)),
    spreadPct: m ? Math.round(((Math.max(...rps) - Math.min(...rps)) / m) * 100) : 0,
    p50: median(rounds.map((r) => r.latencyP50)),
    p99: median(rounds.map((r) => r.latencyP99)),
    wrong: rounds.reduce((n, r) => n + r.mismatches + r.non2xx + r.errors + r.timeouts, 0),
    rounds: rps.map((r) => Math.round(r)),
  };
}

/** E: what one case costs (two requests), how many went through, and what the database holds afterwards. */
function intakeText(e: LoadResult & { stored: IntakeStored; intake: NonNullable<LoadResult['intake']> }, connections: number, target: string): string {
  const wrong = e.mismatches + e.non2xx + e.errors + e.timeouts;
  return (
    `Each case is registered and dispatched through the hub gateway, two requests on one connection: \`registerCase\` by one of 50 operators ` +
    `(disposition HANDLE, its own idempotency key: validation, catalog check, case number, event, outbox message, access event — one transaction; the case waits for dispatch), ` +
    `then \`dispatchCase\` by a dispatcher of the same city (no unit given: the dispatch catalog decides the lead and co-units; deadline, event, outbox message, access event). ` +
    `The public API has no intake-with-dispatch in one request: operators may not dispatch. ${connections} connections: ` +
    `**${e.intake.casesPerSecond.toFixed(1)} cases/s** registered and dispatched, p50 ${e.intake.caseLatencyP50} ms, p99 ${e.intake.caseLatencyP99} ms per case (both requests); ` +
    `${e.intake.registered} registrations and ${e.intake.dispatched} dispatches answered correctly, ${wrong} wrong answers. ` +
    `In the database: ${e.stored.stored} cases stored, ${e.stored.dispatched} dispatched with a lead unit, ${e.stored.pendingDispatch} left waiting for dispatch when the run stopped between a pair's two requests, ` +
    `${e.stored.outboxMessages} outbox messages, ${e.stored.accessEvents} access events (more than answered: requests in flight when the load stopped commit without an answer being counted). Target ≥ 300 cases/s: ${target}.`
  );
}

export function writeResults(results: Results, dir: string): { json: string; md: string; table: string } {
  fs.mkdirSync(dir, { recursive: true });
  const summaries = Object.fromEntries(Object.entries(results.rounds).map(([k, v]) => [k, summarise(v)])) as Partial<Record<ReadScenario, Summary>>;
  const ratio = (a: ReadScenario, b: ReadScenario) => {
    const x = summaries[a]?.reqPerSec;
    const y = summaries[b]?.reqPerSec;
    return x && y ? Number((x / y).toFixed(2)) : null;
  };
  const ratios = { 'A/B': ratio('A', 'B'), 'A/B′': ratio('A', 'B′'), 'A/C': ratio('A', 'C'), 'B/D': ratio('B', 'D'), 'A₁/B′': ratio('A1', 'B′'), 'A₁/C': ratio('A1', 'C'), 'B′/B': ratio('B′', 'B') };
  const statements = Object.values(results.statementsPerRequest);
  const targets = {
    'A/C ≥ 1.2': ratios['A/C'] === null ? null : ratios['A/C'] >= 1.2,
    'A/B′ ≥ 0.85': ratios['A/B′'] === null ? null : ratios['A/B′'] >= 0.85,
    'statements constant in first': statements.length ? statements.every((n) => n === statements[0]) : null,
    'intake ≥ 300 cases/s': results.intake?.intake ? results.intake.intake.casesPerSecond >= 300 : null,
    'exchange ≥ 200 transfers/s, p99 < 1 s': results.exchange?.measured ? results.exchange.transfersPerSecond >= 200 && results.exchange.p99Ms < 1000 : null,
  };
  // Median over the rounds, per process; the total is what one request costs the machine.
  const cpu = Object.fromEntries(
    Object.entries(results.cpuMsPerRequest).map(([k, perRound]) => {
      const names = [...new Set(perRound.flatMap((r) => Object.keys(r)))];
      const byProcess = Object.fromEntries(names.map((n) => [n, Number(median(perRound.map((r) => r[n] ?? 0)).toFixed(2))]));
      return [k, { ...byProcess, total: Number(Object.values(byProcess).reduce((a, b) => a + b, 0).toFixed(2)) }];
    }),
  ) as Record<string, Record<string, number>>;
  const json = { ...results, summaries, ratios, targets, cpuMedianMsPerRequest: cpu };
  const jsonPath = path.join(dir, 'latest.json');
  fs.writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);

  const rss = (k: ReadScenario) => PROCESSES[k].map((p) => `${p} ${results.peakRssMiB[p] ?? '–'}`).join(', ');
  const rows = (Object.keys(LABELS) as ReadScenario[])
    .filter((k) => summaries[k])
    .map((k) => {
      const s = summaries[k]!;
      return `| ${LABELS[k]} | **${s.reqPerSec}** | ${s.min}–${s.max} (±${Math.round(s.spreadPct / 2)} %) | ${s.p50} | ${s.p99} | ${s.wrong} | ${rss(k)} |`;
    });
  const table = [
    '| scenario | req/s (median) | spread (min–max) | p50 ms | p99 ms | wrong answers | peak RSS MiB per process |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  const fmt = (v: number | null) => (v === null ? 'not measured' : v.toFixed(2));
  const yes = (v: boolean | null) => (v === null ? 'not measured' : v ? 'met' : '**missed**');
  const m = results.machine;
  const md = [
    `# Benchmark results (${results.mode} mode)`,
    '',
    `Generated ${results.generatedAt} by \`npm run bench${results.mode === 'quick' ? ' -- --quick' : ''}\`. ${results.settings.cases.toLocaleString('en')} cases loaded; ${results.settings.principals} handler principals (one per unit), rotated per request; ${results.settings.connections} connections; ${results.settings.rounds} interleaved rounds of ${results.settings.durationSeconds} s after a ${results.settings.warmupSeconds} s warm-up each.`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}. Load average at start ${m.loadAverageAtStart.join(' / ')}, at end ${m.loadAverageAtEnd.join(' / ')}. **Shared machine**: other work may have run during the measurement; ratios come from interleaved rounds of one run, absolute numbers are lower than on a dedicated host. Load generator, servers and PostgreSQL all run on these cores.`,
    '',
    '## Read path: a page of 20 cases of the principal\'s unit, with caller, lead unit and transfers',
    '',
    table,
    '',
    `Before measuring, every candidate was checked to return the same ${results.equivalence.cases} cases for ${results.equivalence.units} units (the hub by the handler's row policy, the others by \`filter.unitId\`).`,
    '',
    '## CPU per request, by process',
    '',
    'Milliseconds of CPU each process spent per answered request (median over the rounds, read from /proc); `postgres` is the whole embedded cluster. Where the ratios below come from: the machine has a fixed number of cores, so throughput follows the total.',
    '',
    '| scenario | CPU ms per request |',
    '|---|---|',
    ...(Object.keys(LABELS) as ReadScenario[])
      .filter((k) => cpu[k])
      .map((k) => `| ${k} | ${Object.entries(cpu[k]!).filter(([n]) => n !== 'total').map(([n, v]) => `${n} ${v}`).join(' · ')} · **total ${cpu[k]!.total}** |`),
    '',
    '## Ratios and targets',
    '',
    '| ratio | value | target |',
    '|---|---|---|',
    `| A/B | ${fmt(ratios['A/B'])} | recorded |`,
    `| A/B′ | ${fmt(ratios['A/B′'])} | ≥ 0.85: ${yes(targets['A/B′ ≥ 0.85'])} |`,
    `| A/C | ${fmt(ratios['A/C'])} | ≥ 1.2: ${yes(targets['A/C ≥ 1.2'])} |`,
    `| B/D | ${fmt(ratios['B/D'])} | recorded |`,
    `| A₁/B′ | ${fmt(ratios['A₁/B′'])} | recorded (one process, no HTTP hop to the subgraphs) |`,
    `| A₁/C | ${fmt(ratios['A₁/C'])} | recorded |`,
    `| B′/B | ${fmt(ratios['B′/B'])} | recorded (the Rust planner's gain) |`,
    '',
    '## G — SQL statements per request (A)',
    '',
    statements.length
      ? `${Object.entries(results.statementsPerRequest).map(([f, n]) => `first=${f}: **${n}**`).join(' · ')} — constant in \`first\`: ${yes(targets['statements constant in first'])}.`
      : 'not measured',
    '',
    '## E — intake',
    '',
    results.intake?.intake
      ? intakeText(results.intake as LoadResult & { stored: IntakeStored; intake: NonNullable<LoadResult['intake']> }, results.settings.connections, yes(targets['intake ≥ 300 cases/s']))
      : 'not measured',
    '',
    '## F — exchange',
    '',
    results.exchange
      ? results.exchange.measured
        ? `${results.exchange.description}. Offered ${results.exchange.offeredPerSecond} transfers/s: **${Math.round(results.exchange.transfersPerSecond)} transfers/s** delivered to the 110 simulator and acknowledged, commit → acknowledgement p50 ${results.exchange.p50Ms} ms, p99 ${results.exchange.p99Ms} ms (${results.exchange.delivered} acknowledged with the simulator's incident number, ${results.exchange.failed} not acknowledged within 60 s of the last commit, ${results.exchange.retried ?? 0} retried${results.exchange.failures?.length ? ` (failed attempts: ${results.exchange.failures.map((f) => `${f.attempts}× ${f.reason}`).join('; ')})` : ''}${results.exchange.partner ? `; the simulator acknowledged ${results.exchange.partner.acknowledged}, refused ${results.exchange.partner.refused} signatures, saw ${results.exchange.partner.duplicates} repeated deliveries` : ''}). Target ≥ 200/s with p99 < 1 s: ${yes(targets['exchange ≥ 200 transfers/s, p99 < 1 s'])}.`
        : `not measured: ${results.exchange.description}`
      : 'not measured',
    '',
    '## Peak RSS per process (MiB)',
    '',
    Object.entries(results.peakRssMiB).map(([p, v]) => `${p} ${v ?? '–'}`).join(' · '),
    '',
  ].join('\n');
  const mdPath = path.join(dir, 'latest.md');
  fs.writeFileSync(mdPath, md);
  return { json: jsonPath, md: mdPath, table };
}
