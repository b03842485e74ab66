import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { partnerEnvName, type PartnerRegistry } from '../../connectors/kit/partners';
import { generateSecret } from '../../connectors/kit/signing';
import { startHub, type ExtraSubgraph, type RunningHub } from '../../src/main';
import { ManualClock } from '../../src/platform/clock';
import { loadConfig } from '../../src/platform/config';
import { createDatabase, dropDatabase } from '../../src/platform/db/database';
import { loadOrCreateKeyPair } from '../../src/platform/identity/keys';
import { PARTNERS, type Principal, type Purpose } from '../../src/platform/identity/principal';
import { issueToken } from '../../src/platform/identity/tokens';
import { createLogger } from '../../src/platform/logging';
import { TEMPLATE_NOW } from './template';

export type GraphQLResponse<T = Record<string, any>> = {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] };
};

export type TestHub = RunningHub & {
  clock: ManualClock;
  /** The hub's log lines when started with `captureLogs`. */
  logs: Record<string, any>[];
  dataDir: string;
  database: string;
  /** SQL statements of the subgraphs' modules (the gateway's rate-limit counters are not counted). */
  statements: { count: number; byModule: Record<string, number> };
  token(principal: Principal): Promise<string>;
  /** POSTs a GraphQL operation to the gateway over real HTTP. */
  gql<T = Record<string, any>>(
    query: string,
    options?: { variables?: Record<string, unknown>; as?: Principal; purpose?: Purpose; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** POSTs any JSON body (a documentId request, a batch …) to the gateway. */
  post<T = Record<string, any>>(body: unknown, options?: { as?: Principal; headers?: Record<string, string> }): Promise<GraphQLResponse<T>>;
  /** Sum of a metric's values in this hub's registry, optionally only those matching `labels`. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
};

export type TestHubOptions = {
  env?: Record<string, string>;
  /** NODE_ENV=production with everything production demands: a JWKS endpoint, keys from the environment. */
  production?: boolean;
  /** Run on this existing database (a second gateway on the first one's data) instead of a fresh clone. */
  database?: string;
  /** Run on the database at this URL (another cluster, e.g. tests/support/own-postgres.ts), as it is. */
  databaseUrl?: string;
  only?: readonly string[];
  extraSubgraphs?: readonly ExtraSubgraph[];
  /** Keep the hub's log lines (JSON objects) in `logs` instead of discarding them. */
  captureLogs?: boolean;
  /** Partner endpoints and secrets (default: every partner, development secrets, no URLs). */
  partners?: PartnerRegistry;
  partnerCircuit?: { breakAfter?: number; halfOpenAfterMs?: number };
};

let counter = 0;

/**
 * The real hub (gateway + subgraphs) on an ephemeral port, on a fresh clone of the template
 * database, with a manual clock at the template's time.
 */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const serverUrl = process.env.HUB_TEST_SERVER_URL;
  const template = process.env.HUB_TEST_TEMPLATE;
  if (!serverUrl || !template) throw new Error('tests/support/global-setup.ts did not run');
  const logs: Record<string, any>[] = [];
  const log = options.captureLogs
    ? createLogger({ level: 'info', destination: { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, any>) } })
    : createLogger({ level: process.env.HUB_TEST_LOG ?? 'silent' });
  const ownDatabase = !options.database && !options.databaseUrl;
  const database = options.databaseUrl ? new URL(options.databaseUrl).pathname.slice(1) : (options.database ?? `hub_t_${process.pid}_${++counter}_${Date.now().toString(36)}`);
  const url = options.databaseUrl ?? (await createDatabase(serverUrl, database, log, template));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-data-'));
  const keys = await loadOrCreateKeyPair(dataDir, 'jwt');
  const production = options.production ? await productionEnvironment(keys) : undefined;
  const env = {
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    BACKGROUND_JOBS: 'off',
    // GATEWAY_QUERY_PLANNER=rust npx jest … runs a suite on the Rust planner (issue 7's evaluation).
    ...(process.env.GATEWAY_QUERY_PLANNER ? { GATEWAY_QUERY_PLANNER: process.env.GATEWAY_QUERY_PLANNER } : {}),
    ...production?.env,
    ...options.env,
  };
  const config = loadConfig(env);
  const clock = new ManualClock(TEMPLATE_NOW);
  const statements = { count: 0, byModule: {} as Record<string, number> };
  const onStatement = (module: string) => {
    statements.byModule[module] = (statements.byModule[module] ?? 0) + 1;
    if (module !== 'gateway') statements.count++;
  };
  let hub: RunningHub;
  try {
    hub = await startHub({ config, env, log, clock, onStatement, only: options.only, extraSubgraphs: options.extraSubgraphs, partners: options.partners, partnerCircuit: options.partnerCircuit });
  } catch (error) {
    await production?.stop();
    if (ownDatabase) await dropDatabase(serverUrl, database).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const token = (principal: Principal) => issueToken(principal, { ...keys, issuer: config.jwt.issuer, audience: config.jwt.audience, now: clock.now() });
  const post = async <T>(body: unknown, { as, headers = {} }: { as?: Principal; headers?: Record<string, string> } = {}): Promise<GraphQLResponse<T>> => {
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(as ? { authorization: `Bearer ${await token(as)}` } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as GraphQLResponse<T>['body'] };
  };
  return {
    ...hub,
    clock,
    logs,
    dataDir,
    database,
    statements,
    token,
    post,
    gql: <T>(query: string, { variables, as, purpose, headers = {} }: Parameters<TestHub['gql']>[1] = {}) =>
      post<T>({ query, variables }, { as, headers: { ...(purpose ? { 'x-purpose': purpose } : {}), ...headers } }),
    async metric(name, labels = {}) {
      const metric = hub.metrics.getSingleMetric(name);
      if (!metric) return 0;
      const { values } = await metric.get();
      // Counters and gauges: their values; histograms: their observation counts.
      return values
        .filter((v) => [name, `${name}_count`].includes((v as { metricName?: string }).metricName ?? name))
        .filter((v) => Object.entries(labels).every(([k, want]) => String((v.labels as Record<string, unknown>)[k]) === want))
        .reduce((sum, v) => sum + v.value, 0);
    },
    async stop() {
      await hub.stop();
      await production?.stop();
      if (ownDatabase) await dropDatabase(serverUrl, database).catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What production demands of the environment, made for a test: the identity provider's JWKS served
 * on a local port (publishing the key `npm run token` signs with), assertion keys and an HMAC key
 * from the environment, a non-development issuer.
 */
async function productionEnvironment(jwtKeys: { publicKey: CryptoKey; kid: string }): Promise<{ env: Record<string, string>; stop(): Promise<void> }> {
  const jwk = { ...(await exportJWK(jwtKeys.publicKey)), kid: jwtKeys.kid, use: 'sig', alg: 'ES256' };
  const jwks = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return {
    env: {
      NODE_ENV: 'production',
      JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`,
      JWT_ISSUER: 'https://idp.test.example/realms/hotline',
      PII_HMAC_KEY: randomBytes(32).toString('base64'),
      PETITION_CORRELATION_SECRET: randomBytes(32).toString('base64'),
      ASSERTION_PRIVATE_KEY: JSON.stringify(await exportJWK(privateKey)),
      // Every partner's webhook secret (production has no development secrets).
      ...Object.fromEntries(PARTNERS.map((partner) => [partnerEnvName(partner, 'SECRETS'), generateSecret()])),
    },
    stop: () => new Promise<void>((resolve) => jwks.close(() => resolve())),
  };
}
