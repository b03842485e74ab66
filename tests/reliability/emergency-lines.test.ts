import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { partnerRegistry } from '../../connectors/kit/partners';
import { sign } from '../../connectors/kit/signing';
import { client, intake, ok, REGISTER, type Gql } from '../support/lifecycle';
import { as } from '../support/principals';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * 119/120/122 (issue 5, point 10): TRANSFER_EMERGENCY records the immediate transfer and pushes it;
 * the line's acknowledgement is recorded; without one by the short deadline an alert is raised, once.
 */
let hub: TestHub;
let gql: Gql;
let line: http.Server;
const pushes: { partner: string; body: any }[] = [];

beforeAll(async () => {
  line = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      pushes.push({ partner: req.url!.slice(1), body: JSON.parse(body) });
      res.writeHead(202).end('{}');
    });
  });
  await new Promise<void>((resolve) => line.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(line.address() as AddressInfo).port}`;
  hub = await startTestHub({ partners: partnerRegistry({ fire119: { url: `${base}/fire119` }, ems120: { url: `${base}/ems120` }, traffic122: { url: `${base}/traffic122` } }), captureLogs: true });
  gql = client(hub);
});
afterAll(async () => {
  await hub?.stop();
  await new Promise<void>((resolve) => line.close(() => resolve()));
});

const TRANSFERS = /* GraphQL */ `query($id: ID!) { case(id: $id) { status transfers { id partner status acknowledgedAt lastError } } }`;

test('an emergency transfer is recorded with the disposition, pushed at once, and its acknowledgement recorded', async () => {
  const registered = ok(await gql(REGISTER, { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'MEDICAL_120', title: '老人晕倒', description: '来电人称家中老人突然晕倒，呼吸微弱，需要急救。' }) }, as.OPERATOR, 'INTAKE')).registerCase;
  await hub.drainOutboxes();
  await hub.drainOutboxes();
  const [transfer] = ok(await gql(TRANSFERS, { id: registered.id }, as.DISPATCHER)).case.transfers;
  expect(transfer).toMatchObject({ partner: 'ems120', status: 'SENT', acknowledgedAt: null });
  const push = pushes.find((p) => p.partner === 'ems120')!.body;
  expect(push).toMatchObject({ type: 'transfer.created', data: { caseNumber: registered.number, immediate: true, matter: { title: '老人晕倒' } } });

  // 120 acknowledges by signed webhook.
  const body = JSON.stringify({ type: 'transfer.acknowledged', occurredAt: new Date().toISOString(), data: { transferId: push.data.transferId, accepted: true, incidentNumber: '120-20261127-0007' } });
  const secrets = [...hub.exchangeKit!.partners.require('ems120').secrets];
  const answer = await fetch(`${hub.url}/partners/ems120/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...sign(secrets, 'ems-ack-1', new Date(), body) }, body });
  expect(answer.status).toBe(200);
  const [acked] = ok(await gql(TRANSFERS, { id: registered.id }, as.DISPATCHER)).case.transfers;
  expect(acked.status).toBe('ACKNOWLEDGED');
  hub.clock.advanceMinutes(30);
  expect((await hub.sweepAcknowledgements()).alerted).toBe(0);
});

test('no acknowledgement by the deadline: one alert, on the transfer and in the metrics', async () => {
  const registered = ok(await gql(REGISTER, { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'FIRE_119', title: '厨房起火', description: '来电人称楼上厨房冒出浓烟，疑似起火。' }) }, as.OPERATOR, 'INTAKE')).registerCase;
  await hub.drainOutboxes();
  await hub.drainOutboxes();
  hub.clock.advance(60_000);
  expect((await hub.sweepAcknowledgements()).alerted).toBe(0);
  hub.clock.advance(61_000);
  expect((await hub.sweepAcknowledgements()).alerted).toBe(1);
  expect((await hub.sweepAcknowledgements()).alerted).toBe(0);
  const [transfer] = ok(await gql(TRANSFERS, { id: registered.id }, as.DISPATCHER)).case.transfers;
  expect(transfer.lastError).toMatch(/no acknowledgement from fire119/);
  expect(await hub.metric('hub_partner_alerts_total', { partner: 'fire119', kind: 'ack_overdue' })).toBe(1);
  expect(hub.logs.some((l) => l.alert === 'ack_overdue' && l.partner === 'fire119')).toBe(true);
});
