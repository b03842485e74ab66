import { randomBytes } from 'node:crypto';
import type { Police110Simulator } from '../../../connectors/police110/simulator';
import { partnerRegistry } from '../../../connectors/kit/partners';
import { generateSecret } from '../../../connectors/kit/signing';
import { PetitionSimulator } from '../../../connectors/petition/simulator';
import { startPolice110Simulator } from '../../../connectors/police110/simulator';
import { startTestHub, type TestHub } from '../../support/hub';
import { client, handlerOfLead, intake, M, ok, REGISTER, type Gql } from '../../support/lifecycle';
import { as } from '../../support/principals';
import { settle } from './support';

/**
 * Every way a case can end closes the transfer that brought it, with feedback that says how — seen
 * from 110's side (the simulated 110 system over real HTTP, webhook style): not only the case closed
 * after handling, but one that ended at intake because the matter is already in the petition
 * channel (the README's own receiveTransfer example), one a dispatcher ended with an explanation,
 * and one merged into another caller's case.
 */
let hub: TestHub;
let sim: Police110Simulator;
let petition: PetitionSimulator;
let gql: Gql;

beforeAll(async () => {
  const secret = generateSecret();
  const petitionSecrets = [generateSecret()];
  const correlationSecret = randomBytes(32);
  petition = new PetitionSimulator({ secrets: petitionSecrets, correlationSecret });
  const petitionUrl = await petition.start();
  let hubUrl = '';
  sim = await startPolice110Simulator({ hubUrl: () => hubUrl, secrets: [secret], ack: 'sync', ackAfterMs: 10 });
  hub = await startTestHub({
    partners: partnerRegistry({ police110: { url: sim.webhookUrl, secrets: [secret], timeoutMs: 1_000 }, petition: { url: petitionUrl, secrets: petitionSecrets, timeoutMs: 1_000 } }),
    env: { PETITION_CORRELATION_SECRET: correlationSecret.toString('base64') },
  });
  hubUrl = hub.url;
  gql = client(hub);
  // The caller of the README's example has a petition about 房屋征收 (the same class of matter as 0104).
  petition.addPetition({ phone: '13900001111', region: '141102', categoryCode: '0105', acceptedAt: new Date('2026-10-28T02:00:00Z'), petitionRef: 'XF1411002026110001' });
});
afterAll(async () => {
  await hub?.stop();
  await sim?.stop();
  await petition?.stop();
});

const TRANSFERS = /* GraphQL */ `query($n: String!) { transfers(filter: { caseNumber: $n }) { edges { node { status feedback closedAt } } } }`;
const CASE = /* GraphQL */ `query($n: String!) { caseByNumber(number: $n) { id status closedAt closeReason } }`;
/** 110's transfer as 110 reads it, and the case as the hotline's dispatcher reads it. */
const transferOf = async (caseNumber: string) => ({
  ...ok(await gql(TRANSFERS, { n: caseNumber }, as.PARTNER_SYSTEM, 'TRANSFER')).transfers.edges[0].node,
  case: ok(await gql(CASE, { n: caseNumber }, as.DISPATCHER)).caseByNumber,
});

test('a matter already in the petition channel ends at intake: 110 is told the legal route, and its transfer closes', async () => {
  // README "For a 110 centre": the receiveTransfer example, with the demo petition caller.
  const mine = await sim.sendTransfer({ title: '夜间施工噪音扰民', description: '群众报警称工地夜间施工噪音扰民，属非警务类求助。', region: '141102', address: '吕梁市离石区滨河街道龙凤南路18号', categoryCode: '0104', callerPhone: '13900001111' });
  await settle(hub, sim);
  expect(mine.caseNumber).toMatch(/^12345-141100-/);
  expect(mine.outcome).toBe('LEGAL_ROUTE');
  expect(mine.feedback).toBe('12345 不予受理：已告知来电人依法通过信访（该事项已在信访渠道办理）途径反映。');
  const transfer = await transferOf(mine.caseNumber!);
  expect(transfer).toMatchObject({ status: 'CLOSED', feedback: mine.feedback, closedAt: expect.any(String), case: { status: 'INFORMED_LEGAL_ROUTE', closeReason: 'LEGAL_ROUTE', closedAt: expect.any(String) } });
});

test('a matter a dispatcher ends with an explanation: 110 is told why', async () => {
  const mine = await sim.sendTransfer({ title: '要求查询邻居信息', description: '群众报警称要求查询邻居的身份信息和联系方式，属非警务类事项。', region: '141102', address: '吕梁市离石区滨河街道', categoryCode: '0104', callerPhone: '13700002222' });
  await settle(hub, sim);
  const found = ok(await gql(CASE, { n: mine.caseNumber }, as.DISPATCHER)).caseByNumber;
  expect(found.status).toBe('PENDING_DISPATCH');
  ok(await gql(`mutation($id: ID!) { redisposeCase(caseId: $id, disposition: EXPLAIN, explainReason: "查询他人个人信息不属热线受理范围，已向来电人解释。", note: "涉及他人隐私") { status } }`, { id: found.id }, as.DISPATCHER));
  await settle(hub, sim);
  expect(mine.outcome).toBe('EXPLAINED');
  expect(mine.feedback).toBe('12345 不予受理，已向来电人解释说明：查询他人个人信息不属热线受理范围，已向来电人解释。');
  expect(await transferOf(mine.caseNumber!)).toMatchObject({ status: 'CLOSED', case: { status: 'EXPLAINED' } });
});

test('a matter merged into another caller\'s case: 110 hears when it ends, with the master\'s result', async () => {
  const master = ok(await gql(M.dispatch, { id: ok(await gql(REGISTER, { input: intake() }, as.OPERATOR, 'INTAKE')).registerCase.id }, as.DISPATCHER)).dispatchCase;
  const mine = await sim.sendTransfer({ title: '工地夜间施工', description: '群众报警称龙凤南路工地夜间施工噪音扰民，属非警务类求助。', region: '141102', address: '吕梁市离石区滨河街道龙凤南路18号', categoryCode: '0104', callerPhone: '13700003333' });
  await settle(hub, sim);
  const child = ok(await gql(`query($n: String!) { caseByNumber(number: $n) { id } }`, { n: mine.caseNumber }, as.DISPATCHER)).caseByNumber;
  ok(await gql(M.merge, { master: master.id, ids: [child.id] }, as.DISPATCHER));
  const handler = handlerOfLead(master);
  ok(await gql(M.sign, { id: master.id }, handler));
  ok(await gql(M.reply, { id: master.id, result: 'RESOLVED', text: '已责令施工单位停止夜间施工。' }, handler));
  ok(await gql(M.reviewReply, { id: master.id, accept: true }, as.DISPATCHER));
  ok(await gql(M.followUp, { id: master.id, input: { reached: true, resolved: true, satisfaction: 'SATISFIED' } }, as.OPERATOR, 'FOLLOW_UP'));
  await settle(hub, sim);
  // The merged caller is followed up in their own right; the transfer stays open until that case ends.
  expect(mine.feedback).toBeUndefined();
  ok(await gql(M.followUp, { id: child.id, input: { reached: true, resolved: true, satisfaction: 'BASICALLY_SATISFIED' } }, as.OPERATOR, 'FOLLOW_UP'));
  await settle(hub, sim);
  expect(mine.outcome).toBe('FOLLOW_UP');
  expect(mine.feedback).toBe('12345 已办结（与同一事项的其他来电并案办理）。处理结果：已责令施工单位停止夜间施工。');
  expect(await transferOf(mine.caseNumber!)).toMatchObject({ status: 'CLOSED', case: { status: 'CLOSED' } });
});
