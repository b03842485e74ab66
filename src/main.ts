/**
 * The composition root (`npm start`): the only file that imports connectors/ and federation/.
 * It opens the database (embedded PostgreSQL unless DATABASE_URL is set), migrates, loads the demo
 * data once, starts the subgraphs in this process, and serves the gateway.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exchangeDb } from '../connectors/exchange/db';
import { seedExchangeDemo } from '../connectors/exchange/demo';
import { exchangeSchema } from '../connectors/exchange/graphql';
import { createExchangeSubgraph } from '../connectors/exchange/subgraph';
import { caseChangedHandler } from '../connectors/exchange/case-events';
import { OutboxWorker } from '../connectors/kit/worker';
import { inProcessUrl, subgraphSdl } from '../federation/compose';
import { createHubGateway } from '../federation/gateway';
import { auditSchema } from './audit/graphql';
import { createAuditSubgraph } from './audit/subgraph';
import { hotlineDb } from './hotline/db';
import { DEMO_PRINCIPALS } from './hotline/demo/principals';
import { seedHotlineDemo } from './hotline/demo/seed';
import { hotlineSchema } from './hotline/graphql';
import { ensureReferenceData } from './hotline/reference';
import { createHotlineRuntime } from './hotline/runtime';
import { createHotlineSubgraph } from './hotline/subgraph';
import { CaseEntity, IntakeModelEntity } from './hotline/entities';
import { evaluateRiskRules } from './hotline/insight/risk';
import { trainIntakeModel } from './hotline/insight/training';
import { anonymiseExpiredContacts } from './hotline/retention';
import { runSupervisionSweep } from './hotline/supervision';
import { auditDb } from './platform/access-log/db';
import { systemClock, type Clock } from './platform/clock';
import { ConfigError, loadConfig, type HubConfig } from './platform/config';
import { openDatabase } from './platform/db/connect';
import { APP_ROLE } from './platform/db/app-role';
import { forkEm, migrate, openOrm, type DbModule, type Orm, type OrmOptions } from './platform/db/orm';
import { createAssertionVerifier } from './platform/identity/assertion';
import { loadOrCreateKeyPair, loadOrCreateSecret } from './platform/identity/keys';
import { createTokenVerifier, issueToken } from './platform/identity/tokens';
import { createLogger, type Logger } from './platform/logging';
import { createPiiHasher } from './platform/pii';

/** Every subgraph of the hub, by name (the schema script and the gateway use this list). */
export const SUBGRAPH_SCHEMAS = [
  { name: 'hotline', schema: hotlineSchema },
  { name: 'exchange', schema: exchangeSchema },
  { name: 'audit', schema: auditSchema },
] as const;

export type HubOptions = {
  config: HubConfig;
  log?: Logger;
  clock?: Clock;
  /** Counts SQL statements per module (tests, benchmark). */
  onStatement?: (module: string) => void;
};

export type RunningHub = {
  url: string;
  port: number;
  databaseUrl: string;
  /** The schema owner's connections (migrations, seeding; tests inspect the database through them). */
  orms: { hotline: Orm; exchange: Orm; audit: Orm };
  /** The in-process subgraphs' fetch handlers, for tests that call a subgraph without the gateway. */
  subgraphs: Record<'hotline' | 'exchange' | 'audit', (request: Request) => Promise<Response> | Response>;
  /** Delivers every due outbox message now (tests; the background workers do it continuously). */
  drainOutboxes(): Promise<number>;
  /** Runs one supervision sweep now (tests; the scheduler runs it every SUPERVISION_SWEEP_SECONDS). */
  sweepSupervision(): Promise<{ raised: number; skipped: boolean }>;
  /** Runs one personal-data retention pass now (tests; scheduled hourly). */
  runRetention(): Promise<{ anonymised: number; skipped: boolean }>;
  /** Evaluates the risk early-warning rules now (tests; scheduled with the supervision sweep). */
  evaluateRisk(): Promise<{ raised: unknown[]; updated: number; skipped: boolean }>;
  stop(): Promise<void>;
};

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const { config } = options;
  const log = options.log ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => log.error({ err: error }, 'shutdown step failed'));
    cleanups.length = 0;
  };
  try {
    const database = await openDatabase(config, log);
    cleanups.push(() => database.stop());

    // The owner migrates and seeds; everything else runs as the application role, which owns nothing.
    const open = async (module: DbModule, extra: Partial<OrmOptions>) => {
      const orm = await openOrm(module, { url: database.url, log, poolMax: 2, ...extra });
      cleanups.push(() => orm.close(true));
      return orm;
    };
    const owner = { audit: await open(auditDb, {}), hotline: await open(hotlineDb, {}), exchange: await open(exchangeDb, {}) };
    for (const orm of [owner.audit, owner.hotline, owner.exchange]) await migrate(orm, log);

    const reference = await ensureReferenceData(forkEm(owner.hotline), clock.now());
    if (reference.calendarYearsAdded.length) log.info({ years: reference.calendarYearsAdded }, 'working-day calendar loaded from the chinese-days package');
    if (config.demoData) {
      const seeded = await seedHotlineDemo(forkEm(owner.hotline), clock.now());
      if (seeded) {
        await seedExchangeDemo(forkEm(owner.exchange), seeded, clock.now());
        log.info({ cases: seeded.length }, 'demo data loaded');
      }
    }
    // Assisted intake needs a model: trained once from the closed cases when there is none yet.
    if ((await forkEm(owner.hotline).count(IntakeModelEntity, {})) === 0 && (await forkEm(owner.hotline).count(CaseEntity, { status: 'CLOSED' })) >= 50) {
      const { report } = await trainIntakeModel(forkEm(owner.hotline), clock.now());
      log.info({ samples: report.samples, accuracy: report.accuracy, baseline: report.baseline }, 'intake classifier trained');
    }
    const app = { role: APP_ROLE, poolMax: config.databasePoolMax, onStatement: options.onStatement };
    const audit = await open(auditDb, app);
    const hotline = await open(hotlineDb, app);
    const exchange = await open(exchangeDb, app);

    const assertionKeys = await loadOrCreateKeyPair(config.dataDir, 'assertion');
    const jwtKeys = await loadOrCreateKeyPair(config.dataDir, 'jwt');
    const verifyToken = createTokenVerifier({
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      key: config.jwt.jwksUrl ? { jwksUrl: config.jwt.jwksUrl } : { publicKey: jwtKeys.publicKey },
      now: () => clock.now(),
    });

    const runtime = createHotlineRuntime({
      orm: hotline,
      clock,
      log,
      pii: createPiiHasher(config.piiHmacKey ?? loadOrCreateSecret(config.dataDir, 'pii-hmac')),
    });
    const hotlineServer = createHotlineSubgraph({
      orm: hotline,
      clock,
      log,
      runtime,
      verifyAssertion: createAssertionVerifier({ publicKey: assertionKeys.publicKey, subgraph: 'hotline', now: () => clock.now() }),
    });
    const exchangeServer = createExchangeSubgraph({
      orm: exchange,
      clock,
      log,
      verifyAssertion: createAssertionVerifier({ publicKey: assertionKeys.publicKey, subgraph: 'exchange', now: () => clock.now() }),
    });
    // The auditors' subgraph reads the access log through the audit module's own ORM.
    const auditServer = createAuditSubgraph({
      orm: audit,
      clock,
      log,
      settings: config.audit,
      verifyAssertion: createAssertionVerifier({ publicKey: assertionKeys.publicKey, subgraph: 'audit', now: () => clock.now() }),
    });
    // Events between modules: the hotline's case changes feed the exchange (transfers, case scope).
    const workers = [
      new OutboxWorker({ orm: hotline, schema: 'hotline', handlers: { 'case.changed': caseChangedHandler(exchange, clock) }, clock, log, concurrency: 1 }),
    ];
    const sweepSupervision = () => runSupervisionSweep(hotline, runtime, log);
    const runRetention = () => anonymiseExpiredContacts(hotline, runtime, log);
    const evaluateRisk = () => evaluateRiskRules(hotline, runtime, log);
    if (config.backgroundJobs) {
      for (const worker of workers) {
        await worker.start();
        cleanups.push(() => worker.stop());
      }
      const every = (seconds: number, job: () => Promise<unknown>, name: string) => {
        const timer = setInterval(() => void job().catch((error) => log.error({ err: error, job: name }, 'scheduled job failed')), seconds * 1000);
        timer.unref();
        cleanups.push(async () => clearInterval(timer));
      };
      every(config.supervisionSweepSeconds, sweepSupervision, 'supervision');
      every(config.supervisionSweepSeconds, evaluateRisk, 'risk warnings');
      every(3600, runRetention, 'retention');
    }
    const calendarGaps = await runtime.calendarGaps();
    if (calendarGaps.length) log.warn({ years: calendarGaps }, 'the working-day calendar does not cover these years: deadlines in them cannot be computed');

    const subgraphs = [
      { name: 'hotline', url: inProcessUrl('hotline'), sdl: subgraphSdl(hotlineSchema()), server: hotlineServer },
      { name: 'exchange', url: inProcessUrl('exchange'), sdl: subgraphSdl(exchangeSchema()), server: exchangeServer },
      { name: 'audit', url: inProcessUrl('audit'), sdl: subgraphSdl(auditSchema()), server: auditServer },
    ];

    const graphiqlToken =
      config.env === 'development'
        ? await issueToken(DEMO_PRINCIPALS.DISPATCHER, { ...jwtKeys, issuer: config.jwt.issuer, audience: config.jwt.audience, now: clock.now() })
        : undefined;
    const gateway = createHubGateway({
      subgraphs,
      inProcess: new Map(subgraphs.map((s) => [s.url, (url: string, init: RequestInit) => s.server.fetch(url, init)])),
      verifyToken,
      assertionKey: assertionKeys.privateKey,
      assertionTtlSeconds: config.assertionTtlSeconds,
      log,
      now: () => clock.now(),
      production: config.env === 'production',
      graphiqlToken,
    });
    cleanups.push(async () => gateway.dispose());

    const server = http.createServer(gateway);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const port = (server.address() as AddressInfo).port;
    return {
      url: `http://${config.host}:${port}`,
      port,
      databaseUrl: database.url,
      orms: owner,
      subgraphs: { hotline: (r) => hotlineServer.fetch(r), exchange: (r) => exchangeServer.fetch(r), audit: (r) => auditServer.fetch(r) },
      drainOutboxes: async () => (await Promise.all(workers.map((w) => w.drain()))).reduce((a, b) => a + b, 0),
      sweepSupervision,
      runRetention,
      evaluateRisk,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function main(): Promise<void> {
  let config: HubConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger({ level: config.logLevel });
  const started = Date.now();
  const hub = await startHub({ config, log });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await hub.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await printWelcome(hub, config, Date.now() - started);
}

async function printWelcome(hub: RunningHub, config: HubConfig, ms: number): Promise<void> {
  const lines = [`\nhotline-hub is ready in ${(ms / 1000).toFixed(1)} s`, `  GraphQL + GraphiQL  ${hub.url}/graphql`, `  health             ${hub.url}/healthz  ${hub.url}/readyz`];
  if (config.env !== 'production') {
    const keys = await loadOrCreateKeyPair(config.dataDir, 'jwt');
    lines.push('', 'Development tokens, one per role (valid 12 h; `npm run token -- --help` makes others):');
    for (const [role, principal] of Object.entries(DEMO_PRINCIPALS)) {
      const token = await issueToken(principal, { ...keys, issuer: config.jwt.issuer, audience: config.jwt.audience });
      lines.push(`  ${role.padEnd(18)} ${token}`);
    }
    lines.push('', `Try:  curl -s ${hub.url}/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`, `        -d '{"query":"{ cases(first: 5) { edges { node { number title status leadUnit { name } } } } }"}'`);
  }
  lines.push('', 'Ctrl-C stops the hub and its embedded PostgreSQL.\n');
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
