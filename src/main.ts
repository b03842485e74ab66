/**
 * The composition root (`npm start`): the only file that imports connectors/ and federation/.
 * It opens the database (embedded PostgreSQL unless DATABASE_URL is set), migrates, loads the demo
 * data once, starts the subgraphs, and serves the gateway — all in this process by default, or only
 * some parts with `npm start -- --only gateway|hotline|exchange|audit` (docs/design.md decision 6).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Request as LightRequest } from '@whatwg-node/fetch';
import { createServerAdapter } from '@whatwg-node/server';
import type { GraphQLSchema } from 'graphql';
import { createPubSub } from 'graphql-yoga';
import { z } from 'zod';
import type { CryptoKey } from 'jose';
import { exchangeDb } from '../connectors/exchange/db';
import { seedExchangeDemo } from '../connectors/exchange/demo';
import { exchangeSchema } from '../connectors/exchange/graphql';
import { createExchangeSubgraph } from '../connectors/exchange/subgraph';
import { caseChangedHandler } from '../connectors/exchange/case-events';
import { rejectUnregistrable, trackTransferDelivery } from '../connectors/exchange/delivery';
import { emergencyAckDeadline, registerEmergencyLines, sweepAcknowledgementDeadlines } from '../connectors/emergency';
import { registerPolice110 } from '../connectors/police110';
import { PetitionSimulator } from '../connectors/petition/simulator';
import { SupervisionSimulator } from '../connectors/supervision/simulator';
import { UtilitySimulator } from '../connectors/utilities/simulator';
import { UTILITIES } from '../connectors/utilities/entities';
import { UTILITY_PARTNER } from '../connectors/utilities/mapping';
import { ExchangeKit } from '../connectors/kit/kit';
import { developmentSecret, loadPartnerRegistry, type PartnerRegistry } from '../connectors/kit/partners';
import { POLICE110_SIMULATOR_SETTINGS, startPolice110Simulator, type Police110Simulator } from '../connectors/police110/simulator';
import { OutboxWorker, type OutboxHandler } from '../connectors/kit/worker';
import { EXCHANGE_KIT, EXCHANGE_SCHEMA } from '../connectors/exchange/entities';
import { HOTLINE_COMMAND_TOPIC } from '../connectors/kit/matters';
import type { OutboxMessage } from '../connectors/kit/outbox';
import { registerPetition } from '../connectors/petition';
import { PETITION_REPORT_TOPIC, petitionCaseEvents } from '../connectors/petition/case-events';
import { createPetitionClient } from '../connectors/petition/client';
import { petitionDb } from '../connectors/petition/db';
import { petitionReportDelivery } from '../connectors/petition/delivery';
import { petitionSchema } from '../connectors/petition/graphql';
import { petitionChannelCheck } from '../connectors/petition/screen';
import { loadPetitionSettings } from '../connectors/petition/settings';
import { createPetitionSubgraph } from '../connectors/petition/subgraph';
import { registerSupervision } from '../connectors/supervision';
import { SUPERVISION_REPORT_TOPIC, supervisionCaseEvents, sweepOverdueLeads } from '../connectors/supervision/case-events';
import { createSupervisionClient } from '../connectors/supervision/client';
import { supervisionDb } from '../connectors/supervision/db';
import { supervisionReportDelivery } from '../connectors/supervision/delivery';
import { supervisionSchema } from '../connectors/supervision/graphql';
import { createSupervisionSubgraph } from '../connectors/supervision/subgraph';
import { registerUtilities } from '../connectors/utilities';
import { UTILITY_ORDER_TOPIC, utilityCaseEvents } from '../connectors/utilities/case-events';
import { createUtilityClients } from '../connectors/utilities/client';
import { utilitiesDb } from '../connectors/utilities/db';
import { utilityOrderDelivery } from '../connectors/utilities/delivery';
import { utilitiesSchema } from '../connectors/utilities/graphql';
import { createUtilitiesSubgraph } from '../connectors/utilities/subgraph';
import { inProcessUrl, subgraphSdl, type SubgraphDefinition } from '../federation/compose';
import { ensureConsoleBuilt } from '../federation/console-build';
import { createHubGateway } from '../federation/gateway';
import { forwardPartnerRoutes, isPartnerPath } from '../federation/partner-forward';
import { enableGraphqlWs } from '../federation/websocket';
import { gatewayDb } from '../federation/rate-limit/db';
import { createRateLimitStore } from '../federation/rate-limit/store';
import { loadTrustedDocuments } from '../federation/trusted-documents';
import { auditSchema } from './audit/graphql';
import { createAuditSubgraph } from './audit/subgraph';
import { hotlineDb } from './hotline/db';
import type { HotlinePubSub } from './hotline/live';
import { pushDelivery, pushFanOut, PUSH_TOPIC } from './hotline/push';
import { DEMO_PRINCIPALS } from './hotline/demo/principals';
import { seedHotlineDemo } from './hotline/demo/seed';
import { hotlineSchema } from './hotline/graphql';
import { hotlineCommandHandler } from './hotline/partner-commands';
import { partnerTransferHandlers } from './hotline/partner-transfers';
import { ensureReferenceData } from './hotline/reference';
import { createCaseNumbers } from './hotline/case-numbers';
import { createHotlineRuntime } from './hotline/runtime';
import { createHotlineSubgraph } from './hotline/subgraph';
import { calendarMetrics, calendarWarning } from './hotline/calendar-admin';
import { CaseEntity, IntakeModelEntity } from './hotline/entities';
import { evaluateRiskRules } from './hotline/insight/risk';
import { trainIntakeModel } from './hotline/insight/training';
import { anonymiseExpiredContacts } from './hotline/retention';
import { runSupervisionSweep } from './hotline/supervision';
import { auditDb } from './platform/access-log/db';
import { clockStartingAt, systemClock, type Clock } from './platform/clock';
import { recordDevClock } from './platform/dev-clock';
import { ConfigError, loadConfig, type HubConfig } from './platform/config';
import { openDatabase } from './platform/db/connect';
import { APP_ROLE } from './platform/db/app-role';
import { abandonConnections, forkEm, migrate, openOrm, type DbModule, type Orm, type OrmOptions } from './platform/db/orm';
import { createPgEventTarget } from './platform/events/pg-event-target';
import { createPgListener, type PgListener } from './platform/events/pg-listener';
import { createInternalCaller } from './platform/graphql/internal-call';
import { createAssertionVerifier, type AssertionVerifier } from './platform/identity/assertion';
import { importAssertionKeys, loadOrCreateKeyPair, loadOrCreateSecret } from './platform/identity/keys';
import { createTokenVerifier, issueToken } from './platform/identity/tokens';
import { loggable } from './platform/graphql/mask-error';
import { createLogger, type Logger } from './platform/logging';
import { createMetricsRegistry, instrumentDatabase, metricsResponse, outboxMetrics, type Registry } from './platform/observability/metrics';
import { createTracer, traceHandler } from './platform/observability/tracing';
import { createPiiHasher } from './platform/pii';
import { defineSettings, readSetting } from './platform/settings';
import { Shutdown } from './platform/shutdown';

/** What `npm start` itself reads beside the platform's and the modules' settings. */
export const START_SETTINGS = defineSettings('Development: partner simulators', {
  SIMULATORS: { schema: z.enum(['on', 'off']).default('on'), description: '`npm start` (one process, outside production) runs simulated partner systems beside the hub; a partner with PARTNER_<NAME>_URL set is left to that endpoint' },
});

/** Every subgraph of the hub, by name (the schema script and the gateway use this list). */
export const SUBGRAPH_SCHEMAS = [
  { name: 'hotline', schema: hotlineSchema },
  { name: 'exchange', schema: exchangeSchema },
  { name: 'audit', schema: auditSchema },
  { name: 'petition', schema: petitionSchema },
  { name: 'supervision', schema: supervisionSchema },
  { name: 'utilities', schema: utilitiesSchema },
] as const;

/** What `--only` accepts: the gateway and each subgraph. */
export const HUB_PARTS = ['gateway', ...SUBGRAPH_SCHEMAS.map((s) => s.name)] as const;

type FetchHandler = (request: Request) => Promise<Response> | Response;

/** What a subgraph started by this process gets (the hub's own and any extra one). */
export type SubgraphDeps = {
  orms: Orms;
  databaseUrl: string;
  clock: Clock;
  log: Logger;
  registry: Registry;
  verifyAssertion: AssertionVerifier;
};

/**
 * A subgraph outside the hub's own three, composed and served like them (tests add a probe with a
 * subscription; a city could add its own module the same way).
 */
export type ExtraSubgraph = {
  name: string;
  schema: () => GraphQLSchema;
  start(deps: SubgraphDeps): Promise<{ fetch: FetchHandler; stop(): Promise<void> }>;
};

export type HubOptions = {
  config: HubConfig;
  log?: Logger;
  clock?: Clock;
  /** Counts SQL statements per module (tests, benchmark). */
  onStatement?: (module: string) => void;
  /** The parts this process runs; all of them (one process, nothing listening but the gateway) by default. */
  only?: readonly string[];
  extraSubgraphs?: readonly ExtraSubgraph[];
  /** The process's metrics registry; created here by default. */
  registry?: Registry;
  /** Partner endpoints and secrets; read from the environment (PARTNER_*) by default. */
  partners?: PartnerRegistry;
  /** The environment `config` was read from; connectors read their own settings from it (process.env by default). */
  env?: NodeJS.ProcessEnv;
  /** The partner client's circuit breaker (tests shorten the half-open wait). */
  partnerCircuit?: { breakAfter?: number; halfOpenAfterMs?: number };
};

export type Orms = { hotline: Orm; exchange: Orm; audit: Orm; gateway: Orm; petition: Orm; supervision: Orm; utilities: Orm };

export type RunningHub = {
  /** The gateway's base URL; without a gateway in this process, the first subgraph's. */
  url: string;
  port: number;
  /** Where each part of this process listens (subgraphs only when started with `only`). */
  urls: Readonly<Record<string, string>>;
  databaseUrl: string;
  /** The schema owner's connections (migrations, seeding; tests inspect the database through them). */
  orms: Orms;
  /** The subgraphs' fetch handlers in this process, for tests that call a subgraph without the gateway. */
  subgraphs: Record<string, FetchHandler>;
  /** The metrics registry every part of this process registers on (GET /metrics serves it). */
  metrics: Registry;
  /** Delivers every due outbox message now, including those the deliveries enqueue (tests; the background workers do it continuously). */
  drainOutboxes(): Promise<number>;
  /** The partner exchange kit, when this process runs the exchange or the hotline. */
  exchangeKit: ExchangeKit | undefined;
  /** Raises the alerts of emergency transfers past their acknowledgement deadline now (tests; scheduled every 15 s). */
  sweepAcknowledgements(): Promise<{ alerted: number }>;
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
  const registry = options.registry ?? createMetricsRegistry();
  const extras = options.extraSubgraphs ?? [];
  const allSubgraphs = [...SUBGRAPH_SCHEMAS.map((s) => s.name as string), ...extras.map((s) => s.name)];
  const parts = resolveParts(options.only, allSubgraphs);
  const scaledOut = options.only !== undefined;
  if (scaledOut && !config.databaseUrl) {
    throw new ConfigError(['DATABASE_URL: required with --only (every process of the hub must share one PostgreSQL; the embedded one lives inside a single process)']);
  }
  const tracer = createTracer({ endpoint: config.observability.otlpEndpoint, serviceName: config.observability.serviceName, log });
  // Bounded: a connection PostgreSQL never answers on again does not keep the process (SHUTDOWN_GRACE_MS).
  const shutdown = new Shutdown(config.shutdownGraceMs, log);
  shutdown.add('tracer', async () => tracer.shutdown());
  const stop = async () => void (await shutdown.run());
  try {
    const database = await openDatabase(config, log);
    shutdown.add('database', () => database.stop());

    // The owner migrates and seeds; everything else runs as the application role, which owns nothing.
    const open = async (module: DbModule, extra: Partial<OrmOptions>) => {
      const orm = await openOrm(module, { url: database.url, log, poolMax: 2, ...extra });
      const name = `${module.name}${extra.role ? '' : ' (owner)'}`;
      shutdown.add(`database pool ${name}`, () => orm.close(true), () => abandonConnections(orm, name));
      return orm;
    };
    const modules = { audit: auditDb, hotline: hotlineDb, exchange: exchangeDb, gateway: gatewayDb, petition: petitionDb, supervision: supervisionDb, utilities: utilitiesDb };
    const orms = {} as Orms;
    for (const [name, module] of Object.entries(modules)) orms[name as keyof Orms] = await open(module, {});
    // Every process migrates (under an advisory lock): whichever starts first applies, the others wait.
    for (const orm of Object.values(orms)) await migrate(orm, log);
    const appOptions = { role: APP_ROLE, poolMax: config.databasePoolMax, onStatement: options.onStatement };
    const openApp = async (module: DbModule) => {
      const orm = await open(module, appOptions);
      instrumentDatabase(registry, module.name, orm.em.getConnection().getKnex() as never);
      return orm;
    };
    const app = {} as Orms;
    for (const [name, module] of Object.entries(modules)) app[name as keyof Orms] = await openApp(module);

    // One LISTEN connection for the whole process (outbox wake-ups, subscription events), made
    // again after PostgreSQL restarts; a subgraph is not ready while it is away.
    let listener: PgListener | undefined;
    const processListener = async (): Promise<PgListener> => {
      if (listener) return listener;
      const made = createPgListener({ connectionString: database.url, log });
      shutdown.add('LISTEN connection', () => made.close());
      await made.ready;
      return (listener = made);
    };

    const keys = await assertionKeys(config, parts);
    const verifierFor = (subgraph: string) => createAssertionVerifier({ publicKey: keys.publicKey!, subgraph, now: () => clock.now() });
    const handlers: Record<string, FetchHandler> = {};
    const workers: OutboxWorker[] = [];
    let exchangeKit: ExchangeKit | undefined;
    const skipped = { skipped: true } as const;
    let sweepSupervision: RunningHub['sweepSupervision'] = async () => ({ raised: 0, ...skipped });
    let runRetention: RunningHub['runRetention'] = async () => ({ anonymised: 0, ...skipped });
    let evaluateRisk: RunningHub['evaluateRisk'] = async () => ({ raised: [], updated: 0, ...skipped });
    const scheduled: { seconds: number; job: () => Promise<unknown>; name: string }[] = [];
    let sweepAcknowledgements: RunningHub['sweepAcknowledgements'] = async () => ({ alerted: 0 });

    // The partner exchange kit: the hotline's events queue partner messages through it, the exchange delivers them.
    if (parts.has('exchange') || parts.has('hotline')) {
      const partners = options.partners ?? loadPartnerRegistry(options.env ?? process.env, { production: config.env === 'production', dataDir: config.dataDir });
      exchangeKit = new ExchangeKit({ orm: app.exchange, schema: EXCHANGE_SCHEMA, entities: EXCHANGE_KIT, partners, clock, log, registry, client: options.partnerCircuit, listener: await processListener() });
      registerPolice110(exchangeKit, clock);
      // The petition, supervision and utility connectors: their webhooks, through the kit (signed, idempotent, logged).
      registerPetition(exchangeKit, app.petition, clock);
      registerSupervision(exchangeKit, app.supervision, clock);
      registerUtilities(exchangeKit, app.utilities, clock);
      registerEmergencyLines(exchangeKit, clock);
      trackTransferDelivery(exchangeKit, app.exchange, clock, log);
    }

    if (parts.has('hotline')) {
      const owner = orms.hotline;
      const reference = await ensureReferenceData(forkEm(owner), clock.now());
      if (reference.calendarYearsAdded.length) log.info({ years: reference.calendarYearsAdded }, 'working-day calendar loaded from the chinese-days package');
      if (config.demoData) {
        const seeded = await seedHotlineDemo(forkEm(owner), clock.now());
        if (seeded) {
          await seedExchangeDemo(forkEm(orms.exchange), seeded, clock.now());
          log.info({ cases: seeded.length }, 'demo data loaded');
        }
      }
      // Assisted intake needs a model: trained once from the closed cases when there is none yet.
      if ((await forkEm(owner).count(IntakeModelEntity, {})) === 0 && (await forkEm(owner).count(CaseEntity, { status: 'CLOSED' })) >= 50) {
        const { report } = await trainIntakeModel(forkEm(owner), clock.now());
        log.info({ samples: report.samples, accuracy: report.accuracy, baseline: report.baseline }, 'intake classifier trained');
      }
      const { hotline, exchange } = app;
      const kit = exchangeKit!;
      const petition = loadPetitionSettings(options.env ?? process.env, { production: config.env === 'production', dataDir: config.dataDir });
      const petitionClient = createPetitionClient(kit);
      const caseNumbers = createCaseNumbers({ connectionString: database.url, role: APP_ROLE, log });
      shutdown.add('case numbers', () => caseNumbers.close());
      const runtime = createHotlineRuntime({
        orm: hotline,
        caseNumbers,
        clock,
        log,
        pii: createPiiHasher(config.piiHmacKey ?? loadOrCreateSecret(config.dataDir, 'pii-hmac')),
        // 66号 (二): at intake, is the matter already in the petition channel? Asked only of a petition system with an endpoint.
        intakeScreens: kit.partners.get('petition')?.url ? [petitionChannelCheck({ orm: app.petition, clock, log, client: petitionClient, ...petition })] : [],
      });
      // Live events (subscriptions) cross processes through LISTEN/NOTIFY on the shared database.
      const eventTarget = createPgEventTarget({ connectionString: database.url, log, listener: await processListener() });
      shutdown.add('hotline events', () => eventTarget.close());
      await eventTarget.ready;
      const pubsub = createPubSub({ eventTarget: eventTarget as never }) as HotlinePubSub;
      const server = createHotlineSubgraph({ orm: hotline, pubsub, clock, log, runtime, verifyAssertion: verifierFor('hotline') });
      handlers.hotline = (request) => server.fetch(request);
      // Push to departments: rendered as the subscribing unit through the subgraph itself, which
      // takes an assertion signed with the gateway's key — so only a process holding it delivers.
      const fanOut = pushFanOut(hotline, clock);
      // Events between modules: the hotline's case changes feed the exchange (transfers, case scope).
      // With several hotline processes, their workers share the outbox (FOR UPDATE SKIP LOCKED).
      const toExchange = caseChangedHandler({ orm: exchange, clock, kit: exchangeKit!, ackDeadlineMs: emergencyAckDeadline() });
      const toConnectors = [petitionCaseEvents(app.petition, clock), supervisionCaseEvents(app.supervision, clock), utilityCaseEvents(app.utilities, clock)];
      const hotlineHandlers: Record<string, OutboxHandler> = {
        // One topic, several consumers: each is idempotent, so a redelivery after a partial failure is harmless.
        'case.changed': async (message) => {
          await fanOut(message);
          await toExchange(message);
          for (const consume of toConnectors) await consume(message);
        },
      };
      if (keys.privateKey) {
        const call = createInternalCaller({ subgraph: 'hotline', fetch: handlers.hotline, privateKey: keys.privateKey, now: () => clock.now() });
        hotlineHandlers[PUSH_TOPIC] = pushDelivery({ orm: hotline, call, clock, log });
      } else {
        log.warn('this process holds no ASSERTION_PRIVATE_KEY: it does not deliver push subscriptions (a process that does must run)');
      }
      workers.push(
        new OutboxWorker({ orm: hotline, schema: 'hotline', handlers: hotlineHandlers, clock, log, concurrency: 1, events: outboxMetrics(registry, 'hotline'), listener: await processListener() }),
        // And the other way: transfers the exchange received or that a partner rejected become case changes.
        new OutboxWorker({
          orm: exchange,
          schema: 'exchange',
          handlers: partnerTransferHandlers(runtime, log),
          clock,
          log,
          concurrency: 1,
          listener: await processListener(),
          events: {
            ...outboxMetrics(registry, 'exchange'),
            // A matter the hotline cannot register goes back to its partner as a rejection, not into silence.
            deadLettered: (message, error) => {
              if (message.topic !== 'transfer.received') return;
              void rejectUnregistrable(exchangeKit!, exchange, clock, String(message.payload.transferId), error.message).catch((err) => log.error({ err, transferId: message.payload.transferId }, 'could not reject an unregistrable transfer'));
            },
          },
        }),
        // Each partner connector's outbox: commands for the hotline, and messages for its partner (through the kit's client).
        ...connectorWorkers({ app, clock, log, registry, listener: await processListener(), applyCommand: hotlineCommandHandler(runtime, log), deliveries: {
          petition: { [PETITION_REPORT_TOPIC]: petitionReportDelivery(petitionClient, clock) },
          supervision: { [SUPERVISION_REPORT_TOPIC]: supervisionReportDelivery(createSupervisionClient(kit), clock) },
          utilities: { [UTILITY_ORDER_TOPIC]: utilityOrderDelivery(app.utilities, createUtilityClients(kit), clock) },
        } }),
      );
      // Overdue Internet+Supervision leads raise supervision on their case, with the hotline's own triggers.
      sweepSupervision = async () => {
        const leads = await sweepOverdueLeads(app.supervision, clock);
        const own = await runSupervisionSweep(hotline, runtime, log);
        return { ...own, raised: own.raised + leads.raised };
      };
      runRetention = () => anonymiseExpiredContacts(hotline, runtime, log);
      evaluateRisk = () => evaluateRiskRules(hotline, runtime, log);
      scheduled.push(
        { seconds: config.supervisionSweepSeconds, job: sweepSupervision, name: 'supervision' },
        { seconds: config.supervisionSweepSeconds, job: evaluateRisk, name: 'risk warnings' },
        { seconds: 3600, job: runRetention, name: 'retention' },
      );
      await runtime.warm();
      const calendarGaps = await runtime.calendarGaps();
      // A hotline never stops for its calendar, but administrators must know (from October for next year).
      if (calendarGaps.length) log.warn({ years: calendarGaps }, calendarWarning(calendarGaps)!);
      calendarMetrics(registry, runtime);
    }
    if (parts.has('exchange')) {
      const kit = exchangeKit!;
      workers.push(kit.worker);
      sweepAcknowledgements = () => sweepAcknowledgementDeadlines(app.exchange, kit, clock, log);
      scheduled.push({ seconds: 15, job: sweepAcknowledgements, name: 'emergency acknowledgements' });
      // transferEvents: changes NOTIFY at commit; every process LISTENs and serves its own subscribers.
      const events = createPgEventTarget({ connectionString: database.url, log, listener: await processListener() });
      shutdown.add('exchange events', () => events.close());
      await events.ready;
      const server = createExchangeSubgraph({ orm: app.exchange, clock, log, kit, events, verifyAssertion: verifierFor('exchange') });
      handlers.exchange = (request) => server.fetch(request);
    }
    if (parts.has('petition')) {
      const server = createPetitionSubgraph({ orm: app.petition, clock, log, verifyAssertion: verifierFor('petition') });
      handlers.petition = (request) => server.fetch(request);
    }
    if (parts.has('supervision')) {
      const server = createSupervisionSubgraph({ orm: app.supervision, clock, log, verifyAssertion: verifierFor('supervision') });
      handlers.supervision = (request) => server.fetch(request);
    }
    if (parts.has('utilities')) {
      const server = createUtilitiesSubgraph({ orm: app.utilities, clock, log, verifyAssertion: verifierFor('utilities') });
      handlers.utilities = (request) => server.fetch(request);
    }
    if (parts.has('audit')) {
      // The auditors' subgraph reads the access log through the audit module's own ORM.
      const server = createAuditSubgraph({ orm: app.audit, clock, log, settings: config.audit, verifyAssertion: verifierFor('audit') });
      handlers.audit = (request) => server.fetch(request);
    }
    for (const extra of extras) {
      if (!parts.has(extra.name)) continue;
      const started = await extra.start({ orms, databaseUrl: database.url, clock, log, registry, verifyAssertion: verifierFor(extra.name) });
      shutdown.add(`subgraph ${extra.name}`, () => started.stop());
      handlers[extra.name] = started.fetch;
    }
    for (const name of Object.keys(handlers)) handlers[name] = traceHandler(tracer, name, withListenerReadiness(handlers[name]!, name, listener));

    if (config.backgroundJobs) {
      for (const worker of workers) {
        await worker.start();
        shutdown.add(`outbox worker ${worker.name}`, () => worker.stop());
      }
      for (const { seconds, job, name } of scheduled) {
        const timer = setInterval(() => void job().catch((error) => log.error({ err: loggable(error), job: name }, 'scheduled job failed')), seconds * 1000);
        timer.unref();
        shutdown.add(`schedule ${name}`, async () => clearInterval(timer));
      }
    }

    const urls: Record<string, string> = {};
    const listen = async (handler: http.RequestListener, port: number, onServer?: (server: http.Server) => () => Promise<void>) => {
      // Slow or endless request headers and bodies (slowloris) hold no socket longer than a request
      // may take: answered 408 and closed, checked every few seconds.
      const timeout = config.gateway.requestTimeoutMs;
      const server = http.createServer({ requestTimeout: timeout, headersTimeout: Math.min(timeout, 20_000), connectionsCheckingInterval: Math.max(250, Math.min(5_000, Math.floor(timeout / 2))) }, handler);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, config.host, () => resolve());
      });
      const detach = onServer?.(server);
      const actual = (server.address() as AddressInfo).port;
      shutdown.add(
        `http server :${actual}`,
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      );
      if (detach) shutdown.add(`websocket :${actual}`, detach);
      return actual;
    };

    // Scaled out, each subgraph part listens on the port of its own URL in SUBGRAPH_URLS.
    if (scaledOut) {
      for (const [name, handler] of Object.entries(handlers)) {
        const configured = config.subgraphUrls[name];
        if (!configured) throw new ConfigError([`SUBGRAPH_URLS: no URL for ${name} (its process listens on that URL's port)`]);
        const served = nodeHandler(subgraphServer(handler, registry, config.observability.metrics));
        const port = await listen(name === 'exchange' ? withPartnerRoutes(served, kitRoutes(exchangeKit)) : served, Number(new URL(configured).port || 80));
        urls[name] = `http://${config.host}:${port}/graphql`;
        log.info({ subgraph: name, url: urls[name] }, 'subgraph listening');
      }
    }

    if (parts.has('gateway')) {
      const jwtKeys = config.jwt.jwksUrl ? undefined : await loadOrCreateKeyPair(config.dataDir, 'jwt');
      const verifyToken = createTokenVerifier({
        issuer: config.jwt.issuer,
        audience: config.jwt.audience,
        key: config.jwt.jwksUrl ? { jwksUrl: config.jwt.jwksUrl } : { publicKey: jwtKeys!.publicKey },
        now: () => clock.now(),
      });
      const schemas: { name: string; schema: () => GraphQLSchema }[] = [...SUBGRAPH_SCHEMAS, ...extras];
      const subgraphs: SubgraphDefinition[] = schemas.map((s) => {
        const url = handlers[s.name] ? inProcessUrl(s.name) : config.subgraphUrls[s.name];
        if (!url) throw new ConfigError([`SUBGRAPH_URLS: no URL for ${s.name} (the gateway composes every subgraph)`]);
        return { name: s.name, url, sdl: subgraphSdl(s.schema()) };
      });
      const inProcess = new Map(Object.entries(handlers).map(([name, handler]) => [inProcessUrl(name), (url: string, init: RequestInit) => handler(new LightRequest(url, init) as unknown as Request)]));
      const graphiqlToken =
        config.env === 'development' && jwtKeys
          ? await issueToken(DEMO_PRINCIPALS.DISPATCHER, { ...jwtKeys, issuer: config.jwt.issuer, audience: config.jwt.audience, now: clock.now() })
          : undefined;
      const gateway = createHubGateway({
        subgraphs,
        inProcess,
        verifyToken,
        assertionKey: keys.privateKey!,
        assertionTtlSeconds: config.assertionTtlSeconds,
        log,
        now: () => clock.now(),
        production: config.env === 'production',
        graphiqlToken,
        settings: config.gateway,
        trustedDocuments: loadTrustedDocuments(config.gateway.trustedDocuments.manifestPath),
        rateLimits: config.gateway.rateLimits.enabled ? createRateLimitStore(app.gateway, config.gateway.rateLimits.windowSeconds) : undefined,
        registry,
        serveMetrics: config.observability.metrics,
        tracer,
        console: config.console,
      });
      shutdown.add('gateway', async () => gateway.dispose());
      // Subscriptions over graphql-ws on the same path as SSE, bridged through the gateway's checks.
      // The one front door: partners call the gateway's address whatever the process layout.
      const partnerRoutes =
        kitRoutes(exchangeKit) ?? forwardPartnerRoutes({ target: config.subgraphUrls.exchange!, timeoutMs: config.gateway.requestTimeoutMs, log });
      const port = await listen(withPartnerRoutes(gateway, partnerRoutes), config.port, (server) => enableGraphqlWs(server, gateway, { log }));
      urls.gateway = `http://${config.host}:${port}`;
    }

    const url = urls.gateway ?? Object.values(urls)[0]?.replace(/\/graphql$/, '') ?? '';
    return {
      url,
      port: url ? Number(new URL(url).port) : 0,
      urls,
      databaseUrl: database.url,
      orms,
      subgraphs: handlers,
      metrics: registry,
      // Until a whole round finds nothing: one module's delivery may enqueue another's message.
      drainOutboxes: async () => {
        let total = 0;
        for (let round = 0; round < 50; round++) {
          const handled = (await Promise.all(workers.map((w) => w.drain()))).reduce((a, b) => a + b, 0);
          if (handled === 0) break;
          total += handled;
        }
        return total;
      },
      exchangeKit,
      sweepAcknowledgements,
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

/** The outbox workers of the partner connectors (petition, supervision, utilities), each on its own schema. */
function connectorWorkers(options: {
  app: Orms;
  clock: Clock;
  log: Logger;
  registry: Registry;
  listener: PgListener;
  applyCommand: (message: OutboxMessage) => Promise<void>;
  deliveries: Record<'petition' | 'supervision' | 'utilities', Record<string, OutboxHandler>>;
}): OutboxWorker[] {
  const { app, clock, log, registry, listener, applyCommand, deliveries } = options;
  return (['petition', 'supervision', 'utilities'] as const).map(
    (schema) =>
      new OutboxWorker({
        orm: app[schema],
        schema,
        handlers: { [HOTLINE_COMMAND_TOPIC]: applyCommand, ...deliveries[schema] },
        clock,
        log,
        concurrency: 1,
        backoff: { baseMs: 1_000, maxMs: 5 * 60_000 },
        events: outboxMetrics(registry, schema),
        listener,
      }),
  );
}

function resolveParts(only: readonly string[] | undefined, subgraphs: readonly string[]): Set<string> {
  const known = ['gateway', ...subgraphs];
  if (only === undefined) return new Set(known);
  const unknown = only.filter((p) => !known.includes(p));
  if (only.length === 0 || unknown.length > 0) throw new ConfigError([`--only: must name parts among ${known.join(', ')} (got "${only.join(',')}")`]);
  return new Set(only);
}

/**
 * The assertion key pair. Production: from ASSERTION_PRIVATE_KEY / ASSERTION_PUBLIC_KEY only
 * (config.ts refuses production without them). Development: generated once in DATA_DIR/keys and
 * shared by every process started on the same DATA_DIR.
 */
async function assertionKeys(config: HubConfig, parts: Set<string>): Promise<{ privateKey: CryptoKey | undefined; publicKey: CryptoKey | undefined }> {
  const fromEnv = config.assertionKeys.privateKey || config.assertionKeys.publicKey;
  let keys: { privateKey: CryptoKey | undefined; publicKey: CryptoKey | undefined };
  if (fromEnv) {
    try {
      keys = await importAssertionKeys(config.assertionKeys);
    } catch (error) {
      throw new ConfigError([`ASSERTION_PRIVATE_KEY / ASSERTION_PUBLIC_KEY: not an Ed25519 key (${(error as Error).message})`]);
    }
  } else if (config.env === 'production') {
    throw new ConfigError(['ASSERTION_PRIVATE_KEY: required when NODE_ENV=production; development keys in DATA_DIR are refused']);
  } else {
    keys = await loadOrCreateKeyPair(config.dataDir, 'assertion');
  }
  if (parts.has('gateway') && !keys.privateKey) throw new ConfigError(['ASSERTION_PRIVATE_KEY: required for the gateway, which signs the assertions']);
  if ([...parts].some((p) => p !== 'gateway') && !keys.publicKey) throw new ConfigError(['ASSERTION_PUBLIC_KEY: required for a subgraph, which verifies the assertions']);
  return keys;
}

/**
 * GET /readyz of a subgraph also says whether this process LISTENs: without it, subscriptions hear
 * nothing and the outbox waits for its next poll. After PostgreSQL restarts it turns ready again by
 * itself once the pool and the LISTEN connection are back.
 */
function withListenerReadiness(handler: FetchHandler, subgraph: string, listener: PgListener | undefined): FetchHandler {
  if (!listener) return handler;
  return (request) => {
    if (request.method !== 'GET' || new URL(request.url).pathname !== '/readyz' || listener.listening) return handler(request);
    return new Response(JSON.stringify({ status: 'unavailable', subgraph, listening: false }), { status: 503, headers: { 'content-type': 'application/json; charset=utf-8' } });
  };
}

/** A subgraph process's HTTP face: the subgraph itself, plus GET /metrics for this process. */
function subgraphServer(handler: FetchHandler, registry: Registry, serveMetrics: boolean): FetchHandler {
  return (request) => {
    if (serveMetrics && request.method === 'GET' && new URL(request.url).pathname === '/metrics') return metricsResponse(registry);
    return handler(request);
  };
}

/**
 * The partner webhooks (POST /partners/<partner>/webhook) and the partners' readiness
 * (GET /readyz/partners) beside the gateway or the exchange subgraph: served by the exchange kit,
 * which checks the signatures itself (partners send no bearer token), or — by a gateway process
 * without the kit — relayed to the exchange process (federation/partner-forward.ts).
 */
function withPartnerRoutes(next: http.RequestListener, routes: http.RequestListener | undefined): http.RequestListener {
  if (!routes) return next;
  return (req, res) => (isPartnerPath((req.url ?? '/').split('?')[0]!) ? routes(req, res) : next(req, res));
}

function kitRoutes(kit: ExchangeKit | undefined): http.RequestListener | undefined {
  return kit && nodeHandler((request) => (new URL(request.url).pathname === '/readyz/partners' ? kit.readinessResponse() : kit.webhook(request)));
}

/**
 * Serves a WHATWG fetch handler on node:http (streaming responses, e.g. SSE, included) with the
 * adapter yoga itself uses: it builds light requests straight from node's, without web streams.
 * (A hand-made adapter over undici's Request and web streams cost ~0.4 ms of CPU per request.)
 */
function nodeHandler(handler: FetchHandler): http.RequestListener {
  return createServerAdapter((request: Request) => handler(request)) as unknown as http.RequestListener;
}

/** `--only a,b` or `--only a --only b`; undefined without the flag. */
export function partsFromArgv(argv: readonly string[]): string[] | undefined {
  const parts: string[] = [];
  let seen = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--only') {
      seen = true;
      parts.push(...(argv[++i] ?? '').split(',').filter(Boolean));
    } else if (arg.startsWith('--only=')) {
      seen = true;
      parts.push(...arg.slice('--only='.length).split(',').filter(Boolean));
    }
  }
  return seen ? parts : undefined;
}

/** Runs the hub (or the parts named by `--only`) until SIGINT/SIGTERM. */
export async function main(argv = process.argv.slice(2), extraSubgraphs: readonly ExtraSubgraph[] = []): Promise<void> {
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
  const only = partsFromArgv(argv);
  // DEV_NOW (refused in production): the hub lives at that moment, running forward.
  const clock = config.devNow ? clockStartingAt(config.devNow) : systemClock;
  if (config.devNow) log.warn({ devNow: config.devNow.toISOString() }, 'DEV_NOW: the hub\'s clock starts at this moment, not the real time');
  if (config.env !== 'production') recordDevClock(config.dataDir, config.devNow ? clock : undefined);
  let hub: RunningHub;
  let simulator: Police110Simulator | undefined;
  let simulators: PartnerSimulators | undefined;
  // Development: the console is rebuilt when its sources changed since the last build (npm install builds it first).
  if (config.console.enabled && config.env !== 'production' && (only === undefined || only.includes('gateway'))) {
    await ensureConsoleBuilt({ outDir: config.console.dir, log: (line) => log.info(line) }).catch((error: Error) => log.warn({ err: error.message }, 'the console could not be built; /console answers 503'));
  }
  try {
    simulator = await startDemoSimulator(config, only, () => hub.url, log);
    // Development: the petition, supervision and utility systems are simulated too, over real HTTP.
    if (config.env !== 'production' && only === undefined && simulatorsOn()) {
      simulators = await startPartnerSimulators(config, clock, simulator ? { police110: { url: simulator.webhookUrl } } : {});
    }
    const partners =
      simulators?.partners ??
      (simulator ? loadPartnerRegistry(process.env, { production: false, dataDir: config.dataDir }).with({ police110: { url: simulator.webhookUrl } }) : undefined);
    hub = await startHub({ config, log, clock, only, extraSubgraphs, partners });
    await simulators?.connect(hub.url);
  } catch (error) {
    await simulators?.stop();
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await simulator?.stop();
    await hub.stop();
    await simulators?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await printWelcome(hub, config, clock, Date.now() - started, simulator, simulators?.lines ?? []);
}

function simulatorsOn(): boolean {
  const problems: string[] = [];
  const value = readSetting(START_SETTINGS.SIMULATORS, process.env, problems);
  if (problems.length) throw new ConfigError(problems);
  return value === 'on';
}

type PartnerSimulators = { partners: PartnerRegistry; connect(hubUrl: string): Promise<void>; stop(): Promise<void>; lines: string[] };

/**
 * The partner systems of a development hub besides 110: the petition system, the Internet+Supervision
 * platform and the four utilities, each a simulator on a loopback port speaking the partner's wire
 * protocol with the development secrets in DATA_DIR. A partner whose PARTNER_<NAME>_URL is set is
 * left to that endpoint. Each can be told to fail: POST <simulator>/_sim/faults {"kind":"status","status":503,"times":3}.
 */
async function startPartnerSimulators(config: HubConfig, clock: Clock, already: Record<string, { url: string }>): Promise<PartnerSimulators> {
  const registry = loadPartnerRegistry(process.env, { production: false, dataDir: config.dataDir });
  const simulated = (name: string) => !registry.get(name)?.url;
  const secretsOf = (name: string) => registry.require(name).secrets;
  const overrides: Record<string, { url: string }> = { ...already };
  const stops: (() => Promise<void>)[] = [];
  const lines: string[] = [];
  const connectors: ((hubUrl: string) => Promise<void>)[] = [];
  if (simulated('petition')) {
    const { correlationSecret } = loadPetitionSettings(process.env, { production: false, dataDir: config.dataDir });
    const sim = new PetitionSimulator({ secrets: secretsOf('petition'), correlationSecret });
    overrides.petition = { url: await sim.start() };
    stops.push(() => sim.stop());
    // A caller already in the petition channel: registering a 0105 (房屋征收) call from this number is told the route.
    const ref = sim.addPetition({ phone: '13900001111', region: '141102', categoryCode: '0105', acceptedAt: new Date(clock.now().getTime() - 30 * 86_400_000), petitionRef: 'XF1411002026110001' });
    lines.push(`  petition system    ${overrides.petition.url}   (caller 13900001111 has petition ${ref} about 房屋征收, category 0105)`);
    connectors.push(async (url) => void (sim.hubWebhookUrl = `${url}/partners/petition/webhook`));
  }
  if (simulated('supervision')) {
    const sim = new SupervisionSimulator({ secrets: secretsOf('supervision') });
    overrides.supervision = { url: await sim.start() };
    stops.push(() => sim.stop());
    lines.push(`  supervision        ${overrides.supervision.url}`);
    connectors.push(async (url) => void (sim.hubWebhookUrl = `${url}/partners/supervision/webhook`));
  }
  for (const utility of UTILITIES) {
    const partner = UTILITY_PARTNER[utility];
    if (!simulated(partner)) continue;
    const sim = new UtilitySimulator({ utility, secrets: secretsOf(partner) });
    overrides[partner] = { url: await sim.start() };
    stops.push(() => sim.stop());
    lines.push(`  ${partner.padEnd(18)} ${overrides[partner].url}`);
    connectors.push(async (url) => {
      sim.hubWebhookUrl = `${url}/partners/${partner}/webhook`;
      if (utility !== 'power') return;
      // A current outage for the operator to answer from: 信义镇 (141102100) without power for a few hours.
      const now = clock.now().getTime();
      await sim.send({ type: 'outage.published', outageNo: 'TD-141102-DEMO', kind: 'GZ', region: '141102', townships: ['141102100'], startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 4 * 3_600_000).toISOString(), reason: '10kV 信义线故障抢修' });
    });
  }
  if (lines.length) lines.unshift('', 'Partner simulators (SIMULATORS=off to run without; POST <url>/_sim/faults to make one fail):');
  return {
    partners: registry.with(overrides as never),
    lines,
    async connect(url) {
      for (const connect of connectors) await connect(url);
    },
    async stop() {
      for (const stop of stops) await stop().catch(() => undefined);
    },
  };
}

/**
 * Outside production, `npm start` runs the 110 simulator beside the hub (docs/design.md decision 6), so
 * a transfer can be watched from call to feedback: it acknowledges 3 s after a push and feeds back
 * after 20 s. Off with SIMULATORS=off, with --only, or when PARTNER_POLICE110_URL names a real 110 system.
 */
async function startDemoSimulator(config: HubConfig, only: string[] | undefined, hubUrl: () => string, log: Logger): Promise<Police110Simulator | undefined> {
  if (config.env === 'production' || !simulatorsOn() || process.env.PARTNER_POLICE110_URL) return undefined;
  // Only beside the whole hub in one process: a scaled-out layout is production's shape, and its
  // processes would compete for the simulator's port.
  if (only) return undefined;
  const problems: string[] = [];
  const port = readSetting(POLICE110_SIMULATOR_SETTINGS.SIMULATOR_POLICE110_PORT, process.env, problems);
  if (port === undefined) throw new ConfigError(problems);
  try {
    return await startPolice110Simulator({
      port: config.port === 0 ? 0 : port,
      host: config.host,
      hubUrl,
      secrets: [developmentSecret(config.dataDir, 'police110')],
      ack: 'async',
      ackAfterMs: 3_000,
      feedbackAfterMs: 20_000,
      log: (line) => log.info({ simulator: 'police110' }, line),
    });
  } catch (error) {
    // Said plainly, once: a busy port is the usual cause (another hub, or `npm run sim` already running).
    log.warn(`${(error as Error).message}; the hub runs without its 110 simulator`);
    return undefined;
  }
}

async function printWelcome(hub: RunningHub, config: HubConfig, clock: Clock, ms: number, simulator?: Police110Simulator, partnerLines: string[] = []): Promise<void> {
  const lines = [`\nhotline-hub is ready in ${(ms / 1000).toFixed(1)} s`];
  if (config.devNow) lines.push(`  clock              DEV_NOW: ${clock.now().toISOString()} (running forward; npm run token follows it)`);
  if (hub.urls.gateway) {
    lines.push(`  GraphQL${config.env === 'production' ? '' : ' + GraphiQL'}  ${hub.url}/graphql`, `  health             ${hub.url}/healthz  ${hub.url}/readyz`);
    if (config.console.enabled) lines.push(`  console            ${hub.url}/console/   (auditors: AUDITOR token · managers: DISPATCHER or ANALYST)`);
  }
  for (const [name, url] of Object.entries(hub.urls)) if (name !== 'gateway') lines.push(`  subgraph ${name.padEnd(9)} ${url}`);
  if (config.observability.metrics && hub.url) lines.push(`  metrics            ${hub.url}/metrics`);
  if (hub.exchangeKit && hub.urls.gateway) lines.push(`  partner webhooks   ${hub.url}/partners/<partner>/webhook   (readiness ${hub.url}/readyz/partners)`);
  if (simulator) {
    lines.push(
      `  110 simulator      ${simulator.url}   (GET /state · POST /transfers sends a 双非 matter · POST /control {"fail":"5xx"})`,
      '  Watch a transfer: register a case with disposition TRANSFER_EMERGENCY and emergencyLine POLICE_110, then',
      '  subscription { transferEvents { type transfer { status externalRef feedback case { number } } } } in GraphiQL.',
    );
  }
  if (config.env !== 'production' && hub.urls.gateway && !config.jwt.jwksUrl) {
    const keys = await loadOrCreateKeyPair(config.dataDir, 'jwt');
    lines.push('', 'Development tokens, one per role (valid 12 h; `npm run token -- --help` makes others):');
    for (const [role, principal] of Object.entries(DEMO_PRINCIPALS)) {
      const token = await issueToken(principal, { ...keys, issuer: config.jwt.issuer, audience: config.jwt.audience, now: clock.now() });
      lines.push(`  ${role.padEnd(18)} ${token}`);
    }
    lines.push('', `Try:  curl -s ${hub.url}/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`, `        -d '{"query":"{ cases(first: 5) { edges { node { number title status leadUnit { name } } } } }"}'`);
  }
  lines.push(...partnerLines);
  lines.push('', 'Ctrl-C stops the hub and its embedded PostgreSQL.\n');
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
