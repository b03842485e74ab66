import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { forkEm } from '../../src/platform/db/orm';
import { partnerRegistry } from '../../connectors/kit/partners';
import { notFound } from '../../src/platform/graphql/errors';
import { sign } from '../../connectors/kit/signing';
import type { ExchangeKit } from '../../connectors/kit/kit';
import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

/**
 * The exchange kit on its own (issue 5, points 1–6), with a test message type registered the way a
 * connector registers its own: signed webhooks in, duplicates and conflicts, outbound delivery with
 * Retry-After, 5xx, an opening circuit and a 410, and the exchange log's chain.
 */
type Answer = { status: number; headers?: Record<string, string>; body?: unknown };

let hub: TestHub;
let kit: ExchangeKit;
let partner: http.Server;
const received: { id: string; body: any }[] = [];
let answers: Answer[] = [];

beforeAll(async () => {
  partner = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ id: String(req.headers['webhook-id']), body: JSON.parse(body) });
      const answer = answers.shift() ?? { status: 200, body: { ok: true } };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(partner.address() as AddressInfo).port}/hook`;
  hub = await startTestHub({ partners: partnerRegistry({ 'utility-gas': { url, maxAttempts: 3 }, petition: { url, maxAttempts: 10 } }) });
  kit = hub.exchangeKit!;
  kit.registerInboundHandler('*', 'test.ping', async (ctx) => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { result: { pong: ctx.data.n, at: ctx.now.toISOString(), unique: Math.random() } };
  });
});

afterAll(async () => {
  await hub?.stop();
  await new Promise<void>((resolve) => partner.close(() => resolve()));
});

function signedPost(partnerName: string, id: string, body: unknown, options: { at?: Date; secrets?: string[] } = {}) {
  const text = JSON.stringify(body);
  const secrets = options.secrets ?? [...kit.partners.require(partnerName).secrets];
  return fetch(`${hub.url}/partners/${partnerName}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...sign(secrets, id, options.at ?? new Date(), text) }, body: text });
}

test('a signed webhook runs its handler once; duplicates, even concurrent, get the first result; another payload is a 409', async () => {
  const body = { type: 'test.ping', occurredAt: new Date().toISOString(), data: { n: 1 } };
  const answers = await Promise.all(Array.from({ length: 6 }, () => signedPost('petition', 'msg-1', body)));
  const results = await Promise.all(answers.map((r) => r.json() as Promise<any>));
  expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
  expect(new Set(results.map((r) => r.result.unique)).size).toBe(1);
  expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
  const conflict = await signedPost('petition', 'msg-1', { ...body, data: { n: 2 } });
  expect(conflict.status).toBe(409);
  expect(await conflict.json()).toMatchObject({ error: 'CONFLICT' });
  // The same key from another partner is another message.
  expect((await signedPost('supervision', 'msg-1', body)).status).toBe(200);
});

test('forged, stale and unsigned webhooks are refused and kept in the exchange log', async () => {
  const body = { type: 'test.ping', data: { n: 3 } };
  const forged = await signedPost('petition', 'msg-forged', body, { secrets: ['whsec_' + Buffer.alloc(32, 7).toString('base64')] });
  expect(forged.status).toBe(401);
  expect(await forged.json()).toMatchObject({ error: 'BAD_SIGNATURE' });
  const stale = await signedPost('petition', 'msg-stale', body, { at: new Date(Date.now() - 6 * 60_000) });
  expect(stale.status).toBe(401);
  expect(await stale.json()).toMatchObject({ error: 'STALE_TIMESTAMP' });
  const unsigned = await fetch(`${hub.url}/partners/petition/webhook`, { method: 'POST', body: JSON.stringify(body) });
  expect(unsigned.status).toBe(401);
  expect((await fetch(`${hub.url}/partners/nobody/webhook`, { method: 'POST', body: '{}' })).status).toBe(404);
  const log = await kit.queryLog({ partner: 'petition', direction: 'IN' }, 50);
  expect(log.map((r) => r.outcome)).toEqual(expect.arrayContaining(['REFUSED_BAD_SIGNATURE', 'REFUSED_STALE_TIMESTAMP', 'REFUSED_MISSING_HEADERS', 'ACCEPTED', 'DUPLICATE', 'CONFLICT']));
  expect(await hub.metric('hub_partner_inbound_total', { partner: 'petition', outcome: 'bad_signature' })).toBe(1);
});

test('outbound: signed, retried after 5xx and Retry-After, delivered once to the handler hooks, logged with its signature', async () => {
  const delivered: string[] = [];
  kit.onDelivered('test.out', async ({ message }) => void delivered.push(message.id));
  const em = forkEm(hub.orms.exchange);
  const id = kit.send(em, { partner: 'petition', type: 'test.out', key: 'k1', data: { hello: 'world' }, caseNumber: '12345-440300-20261127-000001', principalId: 'dispatcher-1' });
  await em.flush();
  answers = [{ status: 503 }, { status: 429, headers: { 'retry-after': '0' } }];
  received.length = 0;
  for (let i = 0; i < 3; i++) {
    await kit.drain();
    hub.clock.advanceMinutes(10);
  }
  expect(received.map((r) => r.id)).toEqual([id, id, id]);
  expect(received[0]!.body).toMatchObject({ type: 'test.out', data: { hello: 'world' } });
  expect(delivered).toEqual([id]);
  const log = await kit.queryLog({ messageId: id }, 10);
  expect(log.map((r) => r.outcome).reverse()).toEqual(['FAILED', 'FAILED', 'DELIVERED']);
  expect(log[0]).toMatchObject({ principalId: 'dispatcher-1', caseNumber: '12345-440300-20261127-000001', httpStatus: 200 });
  expect(log[0]!.signature).toMatch(/^v1,/);
});

test('a 410 disables the endpoint, dead-letters, alerts and shows in readiness; enabling and redriving delivers', async () => {
  const dead: string[] = [];
  kit.onDeadLettered('test.gone', async ({ message }) => void dead.push(message.id));
  const em = forkEm(hub.orms.exchange);
  const id = kit.send(em, { partner: 'utility-gas', type: 'test.gone', key: 'k2', data: {} });
  await em.flush();
  answers = [{ status: 410 }];
  await kit.drain();
  expect(dead).toEqual([id]);
  expect(await kit.readiness()).toMatchObject({ ready: false, disabledEndpoints: ['utility-gas'] });
  const ready = await fetch(`${hub.url}/readyz/partners`);
  expect(ready.status).toBe(503);
  expect(await hub.metric('hub_partner_alerts_total', { partner: 'utility-gas', kind: 'endpoint_gone' })).toBe(1);
  const byDispatcher = await hub.gql(`mutation { enablePartnerEndpoint(partner: "utility-gas") }`, { as: as.DISPATCHER });
  expect(byDispatcher.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await hub.gql(`mutation { enablePartnerEndpoint(partner: "utility-gas") }`, { as: as.ADMIN })).body.data).toEqual({ enablePartnerEndpoint: true });
  expect((await kit.readiness()).disabledEndpoints).toEqual([]);
  expect(await kit.redrive('utility-gas', 'k2')).toBe(1);
  await kit.drain();
  expect(await kit.outboundMessages('utility-gas', 'k2')).toMatchObject([{ id, delivered: true, dead: false }]);
});

test('consecutive failures open the circuit (readiness reports it); deferrals do not use up attempts', async () => {
  const em = forkEm(hub.orms.exchange);
  const id = kit.send(em, { partner: 'petition', type: 'test.circuit', key: 'k3', data: {} });
  await em.flush();
  answers = Array.from({ length: 5 }, () => ({ status: 500 }));
  for (let i = 0; i < 12; i++) {
    await kit.drain();
    hub.clock.advanceMinutes(10);
  }
  expect(kit.client.openCircuits()).toEqual(['petition']);
  expect((await kit.readiness()).openCircuits).toEqual(['petition']);
  expect(await hub.metric('hub_partner_circuit_open', { partner: 'petition' })).toBe(1);
  // Five real failures, then the open circuit deferred it without spending the rest of its 10 attempts.
  const [message] = await kit.outboundMessages('petition', 'k3');
  expect(message).toMatchObject({ attempts: 5, dead: false, delivered: false });
  expect(await hub.metric('hub_partner_delivery_failures_total', { partner: 'petition', reason: 'circuit_open' })).toBeGreaterThan(0);
  // Evidence of what crossed the wire only: five failed sends, no record of the deferrals.
  expect((await kit.queryLog({ messageId: id }, 100)).map((r) => r.outcome)).toEqual(['FAILED', 'FAILED', 'FAILED', 'FAILED', 'FAILED']);
});

test('the exchange log is a hash chain that auditors can verify, and cannot be edited', async () => {
  expect(await kit.verifyLog()).toMatchObject({ ok: true });
  await expect(forkEm(hub.orms.exchange).execute('update exchange.exchange_log set outcome = ? where seq = 1', ['DELIVERED'])).rejects.toThrow(/append-only/);
});

test('a captured request replayed as is changes nothing (same webhook-id: the first result); replayed after 5 minutes it is refused', async () => {
  const text = JSON.stringify({ type: 'test.ping', data: { n: 9 } });
  const signedAt = new Date();
  const headers = { 'content-type': 'application/json', ...sign([...kit.partners.require('petition').secrets], 'msg-replay', signedAt, text) };
  const first = (await (await fetch(`${hub.url}/partners/petition/webhook`, { method: 'POST', headers, body: text })).json()) as any;
  const replay = (await (await fetch(`${hub.url}/partners/petition/webhook`, { method: 'POST', headers, body: text })).json()) as any;
  expect(replay).toEqual({ ...first, duplicate: true });
  // The same headers with another body: the signature does not verify.
  const tampered = await fetch(`${hub.url}/partners/petition/webhook`, { method: 'POST', headers, body: text.replace('9', '10') });
  expect(tampered.status).toBe(401);
  const old = sign([...kit.partners.require('petition').secrets], 'msg-replay-old', new Date(Date.now() - 5 * 60_000 - 5_000), text);
  expect((await fetch(`${hub.url}/partners/petition/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...old }, body: text })).status).toBe(401);
});

test('a refused message is logged with the HTTP status the partner really received (404 for an unknown transfer, 422 for a bad one)', async () => {
  kit.registerInboundHandler('*', 'test.missing', async () => {
    throw notFound('transfer');
  });
  const missing = await signedPost('petition', 'msg-missing', { type: 'test.missing', data: {} });
  expect(missing.status).toBe(404);
  const invalid = await signedPost('petition', 'msg-no-handler', { type: 'test.nobody-handles-this', data: {} });
  const log = await kit.queryLog({ partner: 'petition', direction: 'IN' }, 100);
  expect(log.find((r) => r.messageId === 'msg-missing')).toMatchObject({ outcome: 'REFUSED_NOT_FOUND', httpStatus: 404 });
  expect(log.find((r) => r.messageId === 'msg-no-handler')).toMatchObject({ httpStatus: invalid.status });
});
