import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHub, type RunningHub } from '../../src/main';
import { ManualClock } from '../../src/platform/clock';
import { loadConfig } from '../../src/platform/config';
import { createDatabase, dropDatabase } from '../../src/platform/db/database';
import { loadOrCreateKeyPair } from '../../src/platform/identity/keys';
import type { Principal, Purpose } from '../../src/platform/identity/principal';
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
  dataDir: string;
  database: string;
  statements: { count: number };
  token(principal: Principal): Promise<string>;
  /** POSTs a GraphQL operation to the gateway over real HTTP. */
  gql<T = Record<string, any>>(
    query: string,
    options?: { variables?: Record<string, unknown>; as?: Principal; purpose?: Purpose; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
};

let counter = 0;

/**
 * The real hub (gateway + subgraphs) on an ephemeral port, on a fresh clone of the template
 * database, with a manual clock at the template's time.
 */
export async function startTestHub(options: { env?: Record<string, string> } = {}): Promise<TestHub> {
  const serverUrl = process.env.HUB_TEST_SERVER_URL;
  const template = process.env.HUB_TEST_TEMPLATE;
  if (!serverUrl || !template) throw new Error('tests/support/global-setup.ts did not run');
  const log = createLogger({ level: process.env.HUB_TEST_LOG ?? 'silent' });
  const database = `hub_t_${process.pid}_${++counter}_${Date.now().toString(36)}`;
  const url = await createDatabase(serverUrl, database, log, template);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-data-'));
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: url, DATA_DIR: dataDir, DEMO_DATA: 'off', BACKGROUND_JOBS: 'off', ...options.env });
  const clock = new ManualClock(TEMPLATE_NOW);
  const statements = { count: 0 };
  const hub = await startHub({ config, log, clock, onStatement: () => statements.count++ });
  const keys = await loadOrCreateKeyPair(dataDir, 'jwt');
  const token = (principal: Principal) => issueToken(principal, { ...keys, issuer: config.jwt.issuer, audience: config.jwt.audience, now: clock.now() });
  return {
    ...hub,
    clock,
    dataDir,
    database,
    statements,
    token,
    async gql<T>(query: string, { variables, as, purpose, headers = {} }: Parameters<TestHub['gql']>[1] = {}): Promise<GraphQLResponse<T>> {
      const response = await fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...(as ? { authorization: `Bearer ${await token(as)}` } : {}),
          ...(purpose ? { 'x-purpose': purpose } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<T>['body'] };
    },
    async stop() {
      await hub.stop();
      await dropDatabase(serverUrl, database).catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
