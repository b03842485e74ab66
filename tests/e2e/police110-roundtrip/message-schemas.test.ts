import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { partnerRegistry } from '../../../connectors/kit/partners';
import { generateSecret, sign } from '../../../connectors/kit/signing';
import { startPolice110Simulator, type Police110Simulator } from '../../../connectors/police110/simulator';
import { startTestHub, type TestHub } from '../../support/hub';
import { client, handlerOfLead, intake, M, ok, REGISTER, type Gql } from '../../support/lifecycle';
import { as } from '../../support/principals';
import { startRecordingProxy, type Recorded } from '../../support/recording-proxy';
import { settle } from './support';

/**
 * The JSON Schemas of docs/partners/police110/ (issue 16, point 8) against what the hub really
 * sends and accepts: every message of a full round trip in both directions, recorded on the wire,
 * validates against its schema; and each field a schema requires of 110 is one the hub refuses to
 * do without.
 */
const DIR = path.resolve(__dirname, '../../../docs/partners/police110');
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
const schemas = Object.fromEntries(
  fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.replace(/\.json$/, ''), ajv.compile(JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')))]),
);

let hub: TestHub;
let sim: Police110Simulator;
let gql: Gql;
let toSim: Awaited<ReturnType<typeof startRecordingProxy>>;
let toHub: Awaited<ReturnType<typeof startRecordingProxy>>;
const secret = generateSecret();

beforeAll(async () => {
  let hubUrl = '';
  toHub = await startRecordingProxy(() => hubUrl);
  sim = await startPolice110Simulator({ hubUrl: toHub.url, secrets: [secret], ack: 'async', ackAfterMs: 10, feedbackAfterMs: 20 });
  toSim = await startRecordingProxy(() => sim.url);
  hub = await startTestHub({ partners: partnerRegistry({ police110: { url: `${toSim.url}/webhook`, secrets: [secret], timeoutMs: 2_000 } }) });
  hubUrl = hub.url;
  gql = client(hub);
});
afterAll(async () => {
  await hub?.stop();
  await sim?.stop();
  await toSim?.stop();
  await toHub?.stop();
});

function check(direction: 'hub-to-110' | '110-to-hub', messages: Recorded[]): string[] {
  const seen: string[] = [];
  for (const m of messages) {
    const body = JSON.parse(m.body) as { type: string };
    const name = `${direction}.${body.type}`;
    const validate = schemas[name];
    expect({ name, known: Boolean(validate) }).toEqual({ name, known: true });
    expect({ name, errors: validate!(body) ? null : validate!.errors }).toEqual({ name, errors: null });
    seen.push(body.type);
  }
  return seen;
}

test('every message of both round trips, as it crossed the wire, validates against its schema, and so does every answer of the hub', async () => {
  // 12345 → 110: an emergency transfer (pushed, acknowledged by callback, fed back) and a rejected one.
  ok(await gql(REGISTER, { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'POLICE_110', title: '有人持刀威胁', description: '来电人称楼下有人持刀威胁路人，情况紧急。' }) }, as.OPERATOR, 'INTAKE'));
  await settle(hub, sim);
  sim.setAck('reject');
  ok(await gql(REGISTER, { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'POLICE_110' }) }, as.OPERATOR, 'INTAKE'));
  await settle(hub, sim);
  sim.setAck('async');
  // 110 → 12345: a 双非 matter, registered (acknowledged with the case number), handled and closed (feedback).
  const mine = await sim.sendTransfer({ title: '小区噪音扰民', description: '群众报警称小区施工夜间噪音扰民，属非警务类求助。', callerName: '李四', callerPhone: '13900001111' });
  await settle(hub, sim);
  const [{ node }] = ok(await gql(`query($n: String!) { transfers(filter: { caseNumber: $n }) { edges { node { case { id } } } } }`, { n: mine.caseNumber }, as.DISPATCHER)).transfers.edges;
  const caseId = node.case.id;
  const handler = handlerOfLead(ok(await gql(M.dispatch, { id: caseId }, as.DISPATCHER)).dispatchCase);
  ok(await gql(M.sign, { id: caseId }, handler));
  ok(await gql(M.reply, { id: caseId, result: 'RESOLVED', text: '已联系施工单位停止夜间施工。' }, handler));
  ok(await gql(M.reviewReply, { id: caseId, accept: true }, as.DISPATCHER));
  ok(await gql(M.followUp, { id: caseId, input: { reached: true, resolved: true, satisfaction: 'SATISFIED' } }, as.OPERATOR, 'FOLLOW_UP'));
  await settle(hub, sim);

  const out = check('hub-to-110', toSim.recorded);
  const into = check('110-to-hub', toHub.recorded);
  expect(new Set(out)).toEqual(new Set(['transfer.created', 'transfer.acknowledged', 'transfer.feedback']));
  expect(new Set(into)).toEqual(new Set(['transfer.created', 'transfer.acknowledged', 'transfer.feedback']));
  // A rejection carried its reason, as the schema demands.
  expect(toHub.recorded.some((m) => JSON.parse(m.body).data.accepted === false)).toBe(true);
  for (const answer of toHub.recorded) expect({ answer: answer.answer, valid: schemas['hub-answer']!(JSON.parse(answer.answer)) }).toEqual({ answer: answer.answer, valid: true });
  expect(toHub.recorded.every((m) => m.status === 200)).toBe(true);
});

test('each field the schema requires of a 110 transfer.created is one the hub refuses to do without', async () => {
  const full = { externalRef: 'JJ-SCHEMA-1', region: '141102', address: '吕梁市离石区滨河街道龙凤南路18号', categoryCode: '0104', title: '夜间施工噪音扰民', description: '群众报警称工地夜间施工噪音扰民，属非警务类求助。' };
  const schema = schemas['110-to-hub.transfer.created']!;
  const envelope = (data: Record<string, unknown>) => ({ type: 'transfer.created', occurredAt: new Date().toISOString(), data });
  expect(schema(envelope(full))).toBe(true);
  const required = (JSON.parse(fs.readFileSync(path.join(DIR, '110-to-hub.transfer.created.json'), 'utf8')) as { properties: { data: { required: string[] } } }).properties.data.required;
  for (const field of required) {
    const data: Record<string, unknown> = { ...full, externalRef: `JJ-SCHEMA-${field}` };
    delete data[field];
    expect(schema(envelope(data))).toBe(false);
    const body = JSON.stringify(envelope(data));
    const answer = await fetch(`${hub.url}/partners/police110/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...sign([secret], `schema-${field}`, new Date(), body) }, body });
    expect({ field, status: answer.status }).toEqual({ field, status: 422 });
  }
});
