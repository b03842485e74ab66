import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createDatabase, dropDatabase } from '../../../src/platform/db/database';
import { createLogger } from '../../../src/platform/logging';
import { spawnHub, type HubProcess } from '../../support/processes';

/**
 * `DEV_NOW=2026-12-31T10:05:00+08:00 npm start`, as a developer runs it: the real entry point in a
 * child process, its clock on New Year's Eve. Every kind of case is dispatched with deadlines into
 * 2027 marked provisional; `npm run calendar` (another process, with the token it makes for the
 * hub's time) loads 2027 from the notice, and the deadlines are recomputed.
 */
const ROOT = path.resolve(__dirname, '../../..');
const run = promisify(execFile);

describe('DEV_NOW at the year end, on the real entry point', () => {
  const serverUrl = process.env.HUB_TEST_SERVER_URL!;
  const database = `hub_devnow_${process.pid}_${Date.now().toString(36)}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-e2e-devnow-'));
  let hub: HubProcess;
  let url: string;
  let env: Record<string, string>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const databaseUrl = await createDatabase(serverUrl, database, createLogger({ level: 'silent' }), process.env.HUB_TEST_TEMPLATE);
    env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'development', SIMULATORS: 'off', BACKGROUND_JOBS: 'off', DEV_NOW: '2026-12-31T10:05:00+08:00' };
    hub = await spawnHub([], env);
    url = (await hub.waitFor(/GraphQL \+ GraphiQL\s+(http:\/\/\S+)\/graphql/))[1]!;
    for (const role of ['OPERATOR', 'DISPATCHER', 'ADMIN']) tokens[role] = (await hub.waitFor(new RegExp(`\\n  ${role}\\s+(eyJ\\S+)`)))[1]!;
  }, 180_000);

  afterAll(async () => {
    await hub?.stop();
    await dropDatabase(serverUrl, database).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const gql = async (role: string, query: string, variables: Record<string, unknown> = {}, purpose?: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}`, ...(purpose ? { 'x-purpose': purpose } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  it('says where its clock stands, and its printed tokens are valid at that time', async () => {
    expect(hub.output()).toMatch(/clock\s+DEV_NOW: 2026-12-31T02:0\d:\d\d/);
    expect((await gql('ADMIN', '{ calendarCoverage { missing warning } }')).calendarCoverage).toMatchObject({ missing: [2027], warning: expect.stringContaining('2027') });
  });

  const ids: string[] = [];
  // Limits in working days reach into 2027 and are provisional; limits in hours (urgent, very urgent) are not.
  it.each([
    ['0104', 'COMPLAINT', 'NORMAL', true],
    ['0105', 'REPORT', 'NORMAL', true],
    ['0103', 'CONSULTATION', 'NORMAL', true],
    ['0903', 'COMPLAINT', 'NORMAL', true],
    ['0802', 'HELP_REQUEST', 'URGENT', false],
    ['0803', 'HELP_REQUEST', 'VERY_URGENT', false],
  ])('dispatches a %s %s %s case on 31 December', async (categoryCode, type, urgency, provisional) => {
    const input = {
      channel: 'PHONE', type, urgency, disposition: 'HANDLE', categoryCode, title: `跨年测试 ${categoryCode}`,
      description: '来电人反映的事项需要跨年办理，请按时限处理。', region: '141102', township: '141102001', address: '吕梁市离石区滨河街道龙凤南路18号',
      caller: { name: '跨年', phone: '13800000000' },
    };
    const c = (await gql('OPERATOR', `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id createdAt } }`, { input }, 'INTAKE')).registerCase;
    expect(c.createdAt.slice(0, 10)).toBe('2026-12-31');
    const d = (await gql('DISPATCHER', `mutation($id: ID!) { dispatchCase(caseId: $id) { status dueAt provisionalDeadlines } }`, { id: c.id })).dispatchCase;
    expect(d.status).toBe('DISPATCHED');
    expect(d.provisionalDeadlines.length > 0).toBe(provisional);
    ids.push(c.id);
  });

  it('npm run calendar loads 2027 from the notice into the running hub, and the deadlines are recomputed', async () => {
    const notice = path.join(ROOT, 'tests/fixtures/holiday-notice-2027.txt');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/calendar.ts', '--year', '2027', '--notice', notice, '--source', '国办发明电〔2026〕演示', '--url', url], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    expect(stdout).toMatch(/loaded 2027: 29 rest days, 5 make-up working days/);
    expect(stdout).toMatch(/deadlines recomputed on [1-9]\d* cases/);
    expect(stdout).toMatch(/missing now:  none/);
    for (const id of ids) {
      const c = (await gql('DISPATCHER', `query($id: ID!) { case(id: $id) { provisionalDeadlines } }`, { id })).case;
      expect(c.provisionalDeadlines).toEqual([]);
    }
  });
});
