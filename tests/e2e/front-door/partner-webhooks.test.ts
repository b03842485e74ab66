import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { developmentSecret } from '../../../connectors/kit/partners';
import { sign } from '../../../connectors/kit/signing';
import { createDatabase, dropDatabase } from '../../../src/platform/db/database';
import { loadOrCreateKeyPair } from '../../../src/platform/identity/keys';
import { createLogger } from '../../../src/platform/logging';
import { freePort, spawnHub, type HubProcess } from '../../support/processes';

/**
 * One front door (issue 16, point 1): in the scaled-out layout a partner needs the gateway's
 * address only. `npm start -- --only gateway` starts as the README says (no SUBGRAPH_URLS: the
 * documented default ports), and a signed webhook sent to the gateway is verified and stored by the
 * exchange process behind it; a forged one is refused by the exchange all the same; with the
 * exchange down the partner hears 503 "send again", never 404.
 */
describe('the gateway is the front door for partner webhooks', () => {
  const log = createLogger({ level: 'silent' });
  const serverUrl = process.env.HUB_TEST_SERVER_URL!;
  const database = `hub_door_${process.pid}_${Date.now().toString(36)}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-door-'));
  let databaseUrl: string;
  let exchange: HubProcess | undefined;
  let gateway: HubProcess | undefined;
  let gatewayUrl: string;
  let exchangePort: number;

  beforeAll(async () => {
    databaseUrl = await createDatabase(serverUrl, database, log, process.env.HUB_TEST_TEMPLATE);
    await loadOrCreateKeyPair(dataDir, 'jwt');
    await loadOrCreateKeyPair(dataDir, 'assertion');
    developmentSecret(dataDir, 'police110');
    const [gatewayPort, port] = [await freePort(), await freePort()];
    exchangePort = port;
    const env = { NODE_ENV: 'test', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, DEMO_DATA: 'off', BACKGROUND_JOBS: 'off' };
    // The gateway with the README's line: no SUBGRAPH_URLS but the exchange's (this test's port).
    [exchange, gateway] = await Promise.all([
      spawnHub(['--only', 'exchange'], { ...env, SUBGRAPH_URLS: `exchange=http://127.0.0.1:${exchangePort}/graphql` }),
      spawnHub(['--only', 'gateway'], { ...env, PORT: String(gatewayPort), SUBGRAPH_URLS: `exchange=http://127.0.0.1:${exchangePort}/graphql` }),
    ]);
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop('SIGKILL');
    await exchange?.stop('SIGKILL');
    await dropDatabase(serverUrl, database).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${gatewayUrl}/partners/police110/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const matter = (externalRef: string) =>
    JSON.stringify({
      type: 'transfer.created',
      occurredAt: new Date().toISOString(),
      data: { externalRef, region: '141102', address: '吕梁市离石区滨河街道龙凤南路18号', categoryCode: '0104', title: '夜间施工噪音扰民', description: '群众报警称工地夜间施工噪音扰民，属非警务类求助。' },
    });

  it('a signed 110 transfer sent to the gateway is verified and stored by the exchange process; a retry is a duplicate', async () => {
    const secret = developmentSecret(dataDir, 'police110');
    const body = matter('JJ-FRONT-DOOR-1');
    const signed = sign([secret], 'front-door-1', new Date(), body);
    const first = await post(body, { ...signed });
    expect(first.status).toBe(200);
    const answer = (await first.json()) as { ok: boolean; duplicate: boolean; result: { transferId: string; status: string } };
    expect(answer).toMatchObject({ ok: true, duplicate: false, result: { status: 'PENDING' } });
    const again = await post(body, { ...sign([secret], 'front-door-1', new Date(), body) });
    expect(await again.json()).toMatchObject({ ok: true, duplicate: true, result: { transferId: answer.result.transferId } });
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query("select direction, status from exchange.transfer where external_ref = 'JJ-FRONT-DOOR-1'");
      expect(rows).toEqual([{ direction: 'INBOUND', status: 'PENDING' }]);
    } finally {
      await db.end();
    }
  });

  it('a forged signature is refused (401) by the exchange behind the gateway, and the gateway adds no way around it', async () => {
    const body = matter('JJ-FRONT-DOOR-2');
    const forged = sign(['whsec_' + Buffer.alloc(32, 7).toString('base64')], 'front-door-2', new Date(), body);
    const refused = await post(body, { ...forged });
    expect(refused.status).toBe(401);
    const unsigned = await post(body, {});
    expect(unsigned.status).toBe(401);
  });

  it("the partners' readiness is answered through the gateway too", async () => {
    const response = await fetch(`${gatewayUrl}/readyz/partners`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', ready: true, openCircuits: [], disabledEndpoints: [] });
  });

  it('with the exchange process down the partner is told to send again (503, Retry-After), never 404', async () => {
    await exchange!.stop('SIGTERM');
    const body = matter('JJ-FRONT-DOOR-3');
    const response = await post(body, { ...sign([developmentSecret(dataDir, 'police110')], 'front-door-3', new Date(), body) });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({ error: 'UPSTREAM_UNAVAILABLE' });
  });
});
