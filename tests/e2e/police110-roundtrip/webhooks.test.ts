import type { Police110Simulator } from '../../../connectors/police110/simulator';
import { client, handlerOfLead, intake, M, ok, REGISTER, type Gql } from '../../support/lifecycle';
import { as } from '../../support/principals';
import type { TestHub } from '../../support/hub';
import { hubWith110, settle } from './support';

/**
 * 110 that speaks webhooks (issue 5, points 7–8), with the simulated 110 system over real HTTP:
 * hub → 110 (emergency disposition and transferCase), acknowledged with the incident number or
 * rejected (the hotline keeps the matter), fed back; 110 → hub ("双非") becomes a TRANSFER_110
 * case, acknowledged with its number, and the handling result goes back when it closes.
 */
let hub: TestHub;
let sim: Police110Simulator;
let gql: Gql;

beforeAll(async () => {
  ({ hub, sim } = await hubWith110({ feedbackAfterMs: 20 }));
  gql = client(hub);
});
afterAll(async () => {
  await hub?.stop();
  await sim?.stop();
});

const TRANSFERS = /* GraphQL */ `query($id: ID!) { case(id: $id) { id number status transfers { id partner direction status externalRef reason feedback attempts acknowledgedAt closedAt } } }`;

test('TRANSFER_EMERGENCY to 110: pushed with the agreed fields, acknowledged with the incident number, feedback closes the loop', async () => {
  const registered = ok(await gql(REGISTER, { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'POLICE_110', title: '有人持刀威胁', description: '来电人称楼下有人持刀威胁路人，情况紧急，需要民警到场。' }) }, as.OPERATOR, 'INTAKE')).registerCase;
  expect(registered.status).toBe('TRANSFERRED_OUT');
  await settle(hub, sim);
  const incident = [...sim.incidents.values()].find((i) => i.caseNumber === registered.number)!;
  expect(incident).toBeDefined();
  expect(incident.matter).toMatchObject({ title: '有人持刀威胁', address: '吕梁市离石区滨河街道龙凤南路18号', caller_phone: '13812345678' });
  const c = ok(await gql(TRANSFERS, { id: registered.id }, as.DISPATCHER)).case;
  expect(c.transfers).toHaveLength(1);
  expect(c.transfers[0]).toMatchObject({ partner: 'police110', direction: 'OUTBOUND', status: 'CLOSED', externalRef: incident.incidentNumber, feedback: '民警已到场处置，警情已办结。' });
  expect(c.transfers[0].acknowledgedAt).not.toBeNull();
});

test('a rejection after the three-way call leaves the matter with the hotline: the case goes back to dispatch', async () => {
  sim.setAck('reject');
  try {
    const registered = ok(await gql(REGISTER, { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'POLICE_110' }) }, as.OPERATOR, 'INTAKE')).registerCase;
    await settle(hub, sim);
    const c = ok(await gql(TRANSFERS, { id: registered.id }, as.DISPATCHER)).case;
    expect(c.transfers[0]).toMatchObject({ status: 'REJECTED' });
    expect(c.transfers[0].reason).toContain('由首接平台办理');
    expect(c.status).toBe('PENDING_DISPATCH');
    // …and is dispatched like any case.
    expect(ok(await gql(M.dispatch, { id: registered.id }, as.DISPATCHER)).dispatchCase.status).toBe('DISPATCHED');
  } finally {
    sim.setAck('sync');
  }
});

test('transferCase hands an open case to 110 and shares it; the case keeps its course', async () => {
  const dispatched = ok(await gql(M.dispatch, { id: ok(await gql(REGISTER, { input: intake() }, as.OPERATOR, 'INTAKE')).registerCase.id }, as.DISPATCHER)).dispatchCase;
  await hub.drainOutboxes(); // the exchange learns of the case from its events
  const transfer = ok(await gql(`mutation($id: ID!) { transferCase(caseId: $id, partner: "police110", reason: "处理中发现涉嫌违法犯罪线索") { id status partner direction } }`, { id: dispatched.id }, as.DISPATCHER)).transferCase;
  expect(transfer).toMatchObject({ status: 'PENDING', partner: 'police110', direction: 'OUTBOUND' });
  const again = await gql(`mutation($id: ID!) { transferCase(caseId: $id, partner: "police110", reason: "again") { id } }`, { id: dispatched.id }, as.DISPATCHER);
  expect(again.body.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
  await settle(hub, sim);
  const c = ok(await gql(TRANSFERS, { id: dispatched.id }, as.DISPATCHER)).case;
  expect(c.status).toBe('DISPATCHED');
  expect(c.transfers.find((t: { id: string }) => t.id === transfer.id)).toMatchObject({ status: 'CLOSED' });
  // 110 may now read the case (its agreement's fields) through GraphQL.
  const seen = ok(await gql(`query($id: ID!) { case(id: $id) { number title } }`, { id: dispatched.id }, as.PARTNER_SYSTEM, 'TRANSFER')).case;
  expect(seen).toMatchObject({ number: dispatched.number });
  // A handler of another unit may not transfer it.
  const refused = await gql(`mutation($id: ID!) { transferCase(caseId: $id, partner: "police110", reason: "x") { id } }`, { id: dispatched.id }, as.handlerOf('ll-housing'));
  expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

test('110 → hotline by webhook: a "双非" matter becomes a TRANSFER_110 case; the case number goes back, and the result when it closes', async () => {
  const mine = await sim.sendTransfer({ title: '小区噪音扰民', description: '群众报警称小区施工夜间噪音扰民，属非警务类求助，转12345办理。', region: '141102', address: '吕梁市离石区滨河街道龙凤南路20号', categoryCode: '0104', callerPhone: '13900001111', callerName: '李四' });
  expect(mine.transferId).toBeDefined();
  await settle(hub, sim);
  expect(mine.caseNumber).toMatch(/^12345-/);
  const found = ok(await gql(`query($n: String!) { transfers(filter: { caseNumber: $n }) { edges { node { id status externalRef direction case { id } } } } }`, { n: mine.caseNumber }, as.DISPATCHER)).transfers.edges;
  expect(found).toHaveLength(1);
  expect(found[0].node).toMatchObject({ status: 'ACKNOWLEDGED', externalRef: mine.incidentNumber, direction: 'INBOUND' });
  const caseId = found[0].node.case.id;
  expect(ok(await gql(`query($id: ID!) { case(id: $id) { channel status } }`, { id: caseId }, as.DISPATCHER)).case).toMatchObject({ channel: 'TRANSFER_110', status: 'PENDING_DISPATCH' });

  const dispatched = ok(await gql(M.dispatch, { id: caseId }, as.DISPATCHER)).dispatchCase;
  const handler = handlerOfLead(dispatched);
  ok(await gql(M.sign, { id: caseId }, handler));
  ok(await gql(M.reply, { id: caseId, result: 'RESOLVED', text: '已联系施工单位停止夜间施工。' }, handler));
  ok(await gql(M.reviewReply, { id: caseId, accept: true }, as.DISPATCHER));
  expect(ok(await gql(M.followUp, { id: caseId, input: { reached: true, resolved: true, satisfaction: 'SATISFIED' } }, as.OPERATOR, 'FOLLOW_UP')).recordFollowUp.status).toBe('CLOSED');
  await settle(hub, sim);
  expect(mine.feedback).toBe('已联系施工单位停止夜间施工。');
  const closed = ok(await gql(TRANSFERS, { id: caseId }, as.DISPATCHER)).case.transfers[0];
  expect(closed).toMatchObject({ status: 'CLOSED', feedback: '已联系施工单位停止夜间施工。' });
});

test('a matter the hotline cannot register is rejected back to 110 with the reason, never left waiting', async () => {
  const mine = await sim.sendTransfer({ title: '外省事项', region: '110101' });
  expect(mine.transferId).toBeDefined();
  await settle(hub, sim);
  expect(mine.rejected).toMatch(/12345 cannot register this matter/);
  expect(mine.caseNumber).toBeUndefined();
  // The transfer is in the matter's region (北京): a 110 account of that region sees it, 吕梁's does not.
  const query = `{ transfers(filter: { direction: INBOUND, status: [REJECTED] }) { edges { node { externalRef lastError } } } }`;
  const beijing = { sub: 'ps-police110-bj', role: 'PARTNER_SYSTEM', partner: 'police110', region: '110000' } as const;
  const [transfer] = ok(await gql(query, {}, beijing, 'TRANSFER')).transfers.edges.map((e: { node: unknown }) => e.node);
  expect(transfer).toMatchObject({ externalRef: mine.incidentNumber });
  expect(ok(await gql(query, {}, as.PARTNER_SYSTEM, 'TRANSFER')).transfers.edges.map((e: { node: { externalRef: string } }) => e.node.externalRef)).not.toContain(mine.incidentNumber);
});

test('every message of the round trips is in the exchange log, and the chain verifies', async () => {
  const log = ok(await gql(`{ exchangeLog(filter: { partner: "police110" }, first: 100) { edges { node { direction type outcome signature payloadHash } } } verifyExchangeLog { ok checked } }`, {}, as.AUDITOR, 'AUDIT'));
  const entries = log.exchangeLog.edges.map((e: { node: { direction: string; type: string; outcome: string } }) => `${e.node.direction} ${e.node.type} ${e.node.outcome}`);
  expect(entries).toEqual(expect.arrayContaining(['OUT transfer.created DELIVERED', 'IN transfer.created ACCEPTED', 'OUT transfer.acknowledged DELIVERED', 'OUT transfer.feedback DELIVERED', 'IN transfer.feedback ACCEPTED']));
  expect(log.verifyExchangeLog.ok).toBe(true);
  const denied = await gql(`{ exchangeLog { edges { node { seq } } } }`, {}, as.DISPATCHER);
  expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
