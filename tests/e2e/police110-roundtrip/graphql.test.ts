import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { Principal } from '../../../src/platform/identity/principal';
import { client, intake, ok, REGISTER, type Gql } from '../../support/lifecycle';
import { as } from '../../support/principals';
import { startTestHub, type TestHub } from '../../support/hub';
import { sseSubscribe } from './support';

/**
 * A 110 centre that speaks GraphQL (issue 5, point 9): mutations through the gateway and
 * `transferEvents` over SSE and graphql-ws; a partner sees only its own events. 110 has no webhook
 * URL here: nothing is pushed, it reads its transfers and the shared cases itself.
 */
let hub: TestHub;
let gql: Gql;
const police: Principal = as.PARTNER_SYSTEM;
const fire: Principal = { sub: 'ps-fire119', role: 'PARTNER_SYSTEM', partner: 'fire119', region: '141100' };

beforeAll(async () => {
  hub = await startTestHub();
  gql = client(hub);
});
afterAll(async () => hub?.stop());

const EVENTS = /* GraphQL */ `subscription($partner: String) { transferEvents(partner: $partner) { type transfer { id partner status externalRef } } }`;
const RECEIVE = /* GraphQL */ `mutation($input: InboundTransferInput!) { receiveTransfer(input: $input) { id status partner direction externalRef } }`;

function doubleNon(key: string, overrides: Record<string, unknown> = {}) {
  return { idempotencyKey: key, externalRef: `JJ-${key}`, region: '141102', address: '吕梁市离石区滨河街道龙凤南路18号', title: '邻里纠纷求助', description: '群众报警称邻居装修噪音扰民，属非警务类求助，转12345办理。', categoryCode: '0104', callerPhone: '13900002222', ...overrides };
}

function wsSubscribe(token: string, query: string, variables: Record<string, unknown> = {}) {
  const events: any[] = [];
  const ws = createClient({ url: `${hub.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${token}`, 'X-Purpose': 'TRANSFER' }, retryAttempts: 0 });
  const stop = ws.subscribe({ query, variables }, { next: (value) => void events.push(value), error: (error) => void events.push({ error: String((error as Error).message ?? error) }), complete: () => undefined });
  return {
    events,
    async waitFor(predicate: (e: any[]) => boolean, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (!predicate(events)) {
        if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      stop();
      await ws.dispose();
    },
  };
}

test('receiveTransfer is idempotent (also concurrently), a reused key with another payload is a CONFLICT, and events reach only 110 — over SSE and graphql-ws', async () => {
  const sse = sseSubscribe(`${hub.url}/graphql`, await hub.token(police), EVENTS);
  const ws = wsSubscribe(await hub.token(police), EVENTS);
  const fireSse = sseSubscribe(`${hub.url}/graphql`, await hub.token(fire), EVENTS);
  try {
    await sse.waitFor((e) => e.some((x) => x.data?.transferEvents?.type === 'SUBSCRIBED'));
    await ws.waitFor((e) => e.some((x) => x.data?.transferEvents?.type === 'SUBSCRIBED'));
    await fireSse.waitFor((e) => e.some((x) => x.data?.transferEvents?.type === 'SUBSCRIBED'));

    const answers = await Promise.all(Array.from({ length: 5 }, () => gql(RECEIVE, { input: doubleNon('k-1') }, police, 'TRANSFER')));
    const ids = answers.map((a) => ok(a).receiveTransfer.id);
    expect(new Set(ids).size).toBe(1);
    expect(ok(answers[0]!).receiveTransfer).toMatchObject({ status: 'PENDING', partner: 'police110', direction: 'INBOUND', externalRef: 'JJ-k-1' });
    const conflict = await gql(RECEIVE, { input: doubleNon('k-1', { title: '另一件事' }) }, police, 'TRANSFER');
    expect(conflict.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    await hub.drainOutboxes();
    await hub.drainOutboxes();
    const acknowledged = (e: any[]) => e.some((x) => x.data?.transferEvents?.type === 'ACKNOWLEDGED' && x.data.transferEvents.transfer.id === ids[0]);
    await sse.waitFor(acknowledged);
    await ws.waitFor(acknowledged);
    const created = sse.events.filter((x) => x.data?.transferEvents?.type === 'CREATED');
    expect(created).toHaveLength(1);
    // 119 saw its SUBSCRIBED event and nothing of 110's.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fireSse.events.map((x) => x.data?.transferEvents?.type)).toEqual(['SUBSCRIBED']);
  } finally {
    await Promise.all([sse.close(), ws.close(), fireSse.close()]);
  }
  // A partner may not ask for another partner's stream.
  const other = sseSubscribe(`${hub.url}/graphql`, await hub.token(police), EVENTS, { partner: 'fire119' });
  await other.waitFor((e) => e.length > 0);
  expect(JSON.stringify(other.events[0])).toContain('FORBIDDEN');
  await other.close();
});

test('hub → 110 by GraphQL: 110 reads the transfer and the shared case, acknowledges with its incident number, feeds back and closes', async () => {
  const registered = ok(await gql(REGISTER, { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'POLICE_110' }) }, as.OPERATOR, 'INTAKE')).registerCase;
  // The case's event creates the transfer; the transfer's message (not pushed: 110 has no URL) follows.
  await hub.drainOutboxes();
  await hub.drainOutboxes();
  const mine = ok(
    await gql(`{ transfers(filter: { direction: OUTBOUND, status: [PENDING] }) { edges { node { id caseNumber case { id title address caller { phone } } } } } }`, {}, police, 'TRANSFER'),
  ).transfers.edges.map((e: { node: any }) => e.node);
  const transfer = mine.find((t: { caseNumber: string }) => t.caseNumber === registered.number);
  expect(transfer.case).toMatchObject({ id: registered.id, title: '夜间施工噪音扰民', address: expect.any(String) });
  expect(transfer.case.caller.phone).toBe('13812345678');

  const byFire = await gql(`mutation($id: ID!) { acknowledgeTransfer(id: $id, accepted: true) { id } }`, { id: transfer.id }, fire, 'TRANSFER');
  expect(byFire.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  const rejectWithoutReason = await gql(`mutation($id: ID!) { acknowledgeTransfer(id: $id, accepted: false) { id } }`, { id: transfer.id }, police, 'TRANSFER');
  expect(rejectWithoutReason.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

  const ack = ok(await gql(`mutation($id: ID!) { acknowledgeTransfer(id: $id, accepted: true, externalRef: "JJ2026112700042") { status externalRef acknowledgedAt } }`, { id: transfer.id }, police, 'TRANSFER')).acknowledgeTransfer;
  expect(ack).toMatchObject({ status: 'ACKNOWLEDGED', externalRef: 'JJ2026112700042' });
  const interim = ok(await gql(`mutation($id: ID!) { submitTransferFeedback(id: $id, feedback: "民警已出警", final: false) { status } }`, { id: transfer.id }, police, 'TRANSFER')).submitTransferFeedback;
  expect(interim.status).toBe('FEEDBACK_RECEIVED');
  const final = ok(await gql(`mutation($id: ID!) { submitTransferFeedback(id: $id, feedback: "警情已处置完毕", final: true) { status feedback closedAt } }`, { id: transfer.id }, police, 'TRANSFER')).submitTransferFeedback;
  expect(final).toMatchObject({ status: 'CLOSED', feedback: '警情已处置完毕' });
  const log = ok(await gql(`{ exchangeLog(filter: { caseNumber: "${registered.number}" }) { edges { node { direction type outcome principalId } } } }`, {}, as.AUDITOR, 'AUDIT')).exchangeLog.edges.map((e: { node: any }) => e.node);
  expect(log).toEqual(expect.arrayContaining([expect.objectContaining({ direction: 'IN', type: 'transfer.acknowledged', principalId: police.sub }), expect.objectContaining({ direction: 'OUT', type: 'transfer.created', outcome: 'NOT_PUSHED' })]));
});
