import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { partnerEnvName } from '../../../connectors/kit/partners';
import { PetitionSimulator } from '../../../connectors/petition/simulator';
import { startPolice110Simulator, type Police110Simulator } from '../../../connectors/police110/simulator';
import { SupervisionSimulator } from '../../../connectors/supervision/simulator';
import { UtilitySimulator } from '../../../connectors/utilities/simulator';
import { toGlobalId } from '../../../src/platform/graphql/ids';
import type { PartnerName, Principal } from '../../../src/platform/identity/principal';
import { handlerOfLead, intake } from '../../support/lifecycle';
import { startOwnPostgres, type OwnPostgres } from '../../support/own-postgres';
import { as } from '../../support/principals';
import { startScaledOut, type ScaledOutHub } from '../../support/scaled-out';
import { selfSignedCertificate, startTlsFront } from '../../support/tls';
import { eventually, productionSecrets, trustedDocuments, type Answer } from './support';

/**
 * The hub as deployed, met by each partner as its guide describes (issue 16, point 2):
 * NODE_ENV=production; gateway, hotline, exchange, audit and the connectors as separate processes
 * (`npm start -- --only …`) on a PostgreSQL of their own; production secrets made for this run; only
 * trusted documents; every partner system a simulator speaking its wire protocol over HTTPS, and
 * every partner — and every client — using the gateway's address alone. Background jobs run as in
 * production (no test hook drives them): each step waits, bounded, for what the docs promise.
 */
const POLICE: Principal = { sub: 'sys-110-ll', role: 'PARTNER_SYSTEM', partner: 'police110', region: '141100' };
const BUREAU: Principal = { sub: 'pa-xinfang-ll', role: 'PARTNER_AGENCY', partner: 'petition', region: '141100' };
const OFFICE: Principal = { sub: 'pa-duchashi-ll', role: 'PARTNER_AGENCY', partner: 'supervision', region: '141100' };
const POWER: Principal = { sub: 'sys-95598-ll', role: 'PARTNER_SYSTEM', partner: 'utility-power', region: '141100' };

describe('partners in production: the deployed layout through its front door', () => {
  // Each step waits for background work of several processes on a shared machine: bounded, generously.
  jest.setTimeout(150_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-production-'));
  const documents = trustedDocuments();
  const stops: (() => Promise<unknown>)[] = [];
  let secrets: Awaited<ReturnType<typeof productionSecrets>>;
  let postgres: OwnPostgres;
  let hub: ScaledOutHub;
  let police: Police110Simulator;
  const emergency: Partial<Record<PartnerName, Police110Simulator>> = {};
  let petition: PetitionSimulator;
  let supervision: SupervisionSimulator;
  let water: UtilitySimulator;
  let power: UtilitySimulator;

  /** A trusted document by name, as a client in production sends it: its id and variables, nothing else. */
  async function op(name: string, variables: Record<string, unknown>, principal: Principal, purpose: string): Promise<Answer> {
    const documentId = documents[name];
    if (!documentId) throw new Error(`no trusted document named ${name}`);
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await secrets.token(principal)}`, 'x-purpose': purpose },
      body: JSON.stringify({ documentId, variables }),
    });
    return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
  }
  /** The data of an answer that must have succeeded. */
  const ok = (answer: Answer) => {
    if (answer.errors?.length) throw new Error(`${answer.status}: ${JSON.stringify(answer.errors)}`);
    return answer.data!;
  };
  const caseDetail = async (id: string, principal: Principal = as.DISPATCHER, purpose = 'SUPERVISION') => ok(await op('CaseDetail', { id }, principal, purpose)).case;

  beforeAll(async () => {
    secrets = await productionSecrets(dir);
    stops.push(() => secrets.stop());
    const tls = selfSignedCertificate(dir);
    const gateway = () => hub.url;
    // The partner systems, each behind HTTPS (production pushes to https:// only).
    police = await startPolice110Simulator({ hubUrl: gateway, secrets: [secrets.partnerSecrets.police110], ack: 'async', ackAfterMs: 50, feedbackAfterMs: 200 });
    stops.push(() => police.stop());
    for (const line of ['fire119', 'ems120', 'traffic122'] as const) {
      emergency[line] = await startPolice110Simulator({ hubUrl: gateway, secrets: [secrets.partnerSecrets[line]], ack: 'sync', partner: line });
      stops.push(() => emergency[line]!.stop());
    }
    petition = new PetitionSimulator({ secrets: [secrets.partnerSecrets.petition], correlationSecret: secrets.correlationSecret });
    supervision = new SupervisionSimulator({ secrets: [secrets.partnerSecrets.supervision] });
    water = new UtilitySimulator({ utility: 'water', secrets: [secrets.partnerSecrets['utility-water']] });
    power = new UtilitySimulator({ utility: 'power', secrets: [secrets.partnerSecrets['utility-power']] });
    const plain: Partial<Record<PartnerName, string>> = {
      police110: police.webhookUrl,
      fire119: emergency.fire119!.webhookUrl,
      ems120: emergency.ems120!.webhookUrl,
      traffic122: emergency.traffic122!.webhookUrl,
      petition: await petition.start(),
      supervision: await supervision.start(),
      'utility-water': await water.start(),
      'utility-power': await power.start(),
    };
    stops.push(() => petition.stop(), () => supervision.stop(), () => water.stop(), () => power.stop());
    const urls: Record<string, string> = {};
    for (const [partner, url] of Object.entries(plain) as [PartnerName, string][]) {
      const front = await startTlsFront(url, tls);
      stops.push(() => front.stop());
      const target = new URL(url);
      urls[partnerEnvName(partner, 'URL')] = `${front.url}${target.pathname === '/' ? '' : target.pathname}`;
    }
    postgres = await startOwnPostgres();
    hub = await startScaledOut({
      ...secrets.env,
      ...urls,
      NODE_EXTRA_CA_CERTS: tls.caFile,
      DATABASE_URL: postgres.url,
      DATA_DIR: path.join(dir, 'data'),
      DEMO_DATA: 'off',
      BACKGROUND_JOBS: 'on',
      SUPERVISION_SWEEP_SECONDS: '5',
      PARTNER_TIMEOUT_MS: '5000',
      LOG_LEVEL: 'warn',
    });
    // Every partner knows the hub by the gateway's address only.
    for (const [sim, partner] of [[petition, 'petition'], [supervision, 'supervision'], [water, 'utility-water'], [power, 'utility-power']] as const) {
      sim.hubWebhookUrl = `${hub.url}/partners/${partner}/webhook`;
    }
  }, 300_000);

  afterAll(async () => {
    await hub?.stop('SIGTERM');
    await postgres?.stop();
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('is production: development tokens and documents outside the manifest are refused, GraphiQL is not served', async () => {
    const adHoc = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await secrets.token(as.DISPATCHER)}` },
      body: JSON.stringify({ query: '{ categories { code } }' }),
    });
    expect(((await adHoc.json()) as Answer).errors?.[0]?.extensions?.code).toBeDefined();
    expect((await fetch(`${hub.url}/graphiql/graphiql.js`)).status).toBe(404);
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${hub.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${hub.url}/readyz/partners`)).status).toBe(200);
  });

  it('110 by webhook: a 双非 matter becomes a case, acknowledged with its number, and its result goes back when the case closes', async () => {
    const mine = await police.sendTransfer({ title: '夜间施工噪音扰民', description: '群众报警称工地夜间施工噪音扰民，属非警务类求助，转12345办理。', callerName: '李四', callerPhone: '13900002222' });
    expect(mine.transferId).toBeDefined();
    const number = await eventually('the case number at 110', async () => mine.caseNumber);
    expect(number).toMatch(/^12345-141100-/);
    const c = ok(await op('CaseByNumber', { number }, as.DISPATCHER, 'DISPATCH')).caseByNumber;
    const dispatched = ok(await op('DispatchCase', { caseId: c.id }, as.DISPATCHER, 'DISPATCH')).dispatchCase;
    const handler = handlerOfLead(dispatched);
    ok(await op('SignCase', { caseId: c.id }, handler, 'HANDLING'));
    ok(await op('ReplyCase', { caseId: c.id, input: { result: 'RESOLVED', text: '已责令施工单位停止夜间施工。' } }, handler, 'HANDLING'));
    ok(await op('ReviewReply', { caseId: c.id, accept: true }, as.DISPATCHER, 'DISPATCH'));
    expect(ok(await op('RecordFollowUp', { caseId: c.id, input: { reached: true, resolved: true, satisfaction: 'SATISFIED' } }, as.OPERATOR, 'FOLLOW_UP')).recordFollowUp.status).toBe('CLOSED');
    expect(await eventually('feedback at 110', async () => mine.feedback)).toBe('已责令施工单位停止夜间施工。');
    const [transfer] = (await caseDetail(c.id)).transfers;
    expect(transfer).toMatchObject({ partner: 'police110', direction: 'INBOUND', status: 'CLOSED', externalRef: mine.incidentNumber });
  });

  it('110 by webhook: an emergency is pushed at once, acknowledged by callback through the gateway, and closed by 110\'s feedback', async () => {
    const registered = ok(await op('RegisterCase', { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'POLICE_110', title: '有人持刀威胁', description: '来电人称楼下有人持刀威胁路人，情况紧急，需要民警到场。' }) }, as.OPERATOR, 'INTAKE')).registerCase;
    expect(registered.status).toBe('TRANSFERRED_OUT');
    const closed = await eventually('the transfer closed by 110', async () => {
      const [t] = (await caseDetail(registered.id)).transfers;
      return t?.status === 'CLOSED' ? t : undefined;
    });
    const incident = [...police.incidents.values()].find((i) => i.caseNumber === registered.number)!;
    expect(closed).toMatchObject({ partner: 'police110', direction: 'OUTBOUND', externalRef: incident.incidentNumber });
    // What 110 received is its agreement's fields: the caller's number, never the ID number.
    expect(incident.matter).toMatchObject({ title: '有人持刀威胁', caller_phone: '13812345678' });
    expect(JSON.stringify(incident.matter)).not.toContain('idNumber');
  });

  it('110 by webhook: a rejection after the three-way call leaves the matter with 12345, back in dispatch', async () => {
    police.setAck('reject');
    try {
      const registered = ok(await op('RegisterCase', { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'POLICE_110', title: '邻里纠纷' }) }, as.OPERATOR, 'INTAKE')).registerCase;
      // The exchange records the rejection; the hotline then takes the case back into dispatch.
      const c = await eventually('the case back in dispatch', async () => {
        const detail = await caseDetail(registered.id);
        return detail.transfers[0]?.status === 'REJECTED' && detail.status === 'PENDING_DISPATCH' ? detail : undefined;
      });
      expect(c.transfers[0]).toMatchObject({ partner: 'police110', direction: 'OUTBOUND', status: 'REJECTED' });
    } finally {
      police.setAck('async');
    }
  });

  it('110 by GraphQL: trusted documents receive a matter, and acknowledge and feed back a transfer from 12345', async () => {
    const received = ok(await op('ReceiveTransfer', { input: { idempotencyKey: 'JJ-PROD-GQL-1', externalRef: 'JJ-PROD-GQL-1', region: '141102', address: '吕梁市离石区滨河街道龙凤南路20号', categoryCode: '0104', title: '广场舞噪音扰民（生产环境）', description: '群众报警称广场舞音响过大，属非警务类求助。' } }, POLICE, 'TRANSFER')).receiveTransfer;
    expect(received).toMatchObject({ status: 'PENDING', externalRef: 'JJ-PROD-GQL-1' });
    // The same key again is the same transfer.
    expect(ok(await op('ReceiveTransfer', { input: { idempotencyKey: 'JJ-PROD-GQL-1', externalRef: 'JJ-PROD-GQL-1', region: '141102', address: '吕梁市离石区滨河街道龙凤南路20号', categoryCode: '0104', title: '广场舞噪音扰民（生产环境）', description: '群众报警称广场舞音响过大，属非警务类求助。' } }, POLICE, 'TRANSFER')).receiveTransfer.id).toBe(received.id);
    const registered = await eventually('the case of the GraphQL transfer', async () => {
      const edges = ok(await op('CasesPage', { filter: { text: '广场舞噪音扰民（生产环境）' }, first: 5 }, as.DISPATCHER, 'DISPATCH')).cases.edges;
      return edges[0]?.node.transfers[0]?.status === 'ACKNOWLEDGED' ? edges[0].node : undefined;
    });
    expect(registered.transfers).toEqual([{ partner: 'police110', direction: 'INBOUND', status: 'ACKNOWLEDGED' }]);

    police.setAck('none');
    try {
      const c = ok(await op('RegisterCase', { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'POLICE_110', title: '疑似入室盗窃' }) }, as.OPERATOR, 'INTAKE')).registerCase;
      const pushed = await eventually('the push at 110', async () => [...police.incidents.values()].find((i) => i.caseNumber === c.number));
      const id = toGlobalId('Transfer', pushed.transferId);
      expect(ok(await op('AcknowledgeTransfer', { id, accepted: true, externalRef: 'JJ-PROD-GQL-2' }, POLICE, 'TRANSFER')).acknowledgeTransfer).toMatchObject({ status: 'ACKNOWLEDGED', externalRef: 'JJ-PROD-GQL-2' });
      // 110's production read: its own transfers both ways, with the case fields of its agreement.
      const page = await op('PartnerTransfers', { first: 100 }, POLICE, 'TRANSFER');
      expect(page.status).toBe(200);
      expect((page.errors ?? []).filter((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')).toEqual([]);
      const transfers = page.data!.transfers.edges.map((e: { node: Record<string, any> }) => e.node);
      expect(transfers.every((t: { partner: string }) => t.partner === 'police110')).toBe(true);
      expect(transfers.find((t: { externalRef: string }) => t.externalRef === 'JJ-PROD-GQL-1')).toMatchObject({ direction: 'INBOUND', status: 'ACKNOWLEDGED', case: { title: '广场舞噪音扰民（生产环境）' } });
      expect(transfers.find((t: { externalRef: string }) => t.externalRef === 'JJ-PROD-GQL-2')).toMatchObject({ direction: 'OUTBOUND', caseNumber: c.number, case: { number: c.number, caller: { phone: '13812345678' } } });
      // 110 learns nothing through GraphQL about a case it was not sent.
      const other = ok(await op('RegisterCase', { input: intake({ title: '与110无关的咨询' }) }, as.OPERATOR, 'INTAKE')).registerCase;
      expect(await op('CaseDetail', { id: other.id }, POLICE, 'TRANSFER')).toMatchObject({ status: 200, data: { case: null } });
      expect(ok(await op('SubmitTransferFeedback', { id, feedback: '民警已到场，系误报。', final: true }, POLICE, 'TRANSFER')).submitTransferFeedback).toMatchObject({ status: 'CLOSED', feedback: '民警已到场，系误报。' });
    } finally {
      police.setAck('async');
    }
  });

  it('119, 120 and 122: each emergency goes at once to its line, acknowledged; each line receives only its agreement\'s fields', async () => {
    const lines = [['FIRE_119', 'fire119'], ['MEDICAL_120', 'ems120'], ['TRAFFIC_122', 'traffic122']] as const;
    const cases: { id: string; number: string }[] = [];
    for (const [line] of lines) cases.push(ok(await op('RegisterCase', { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: line, title: `紧急转接 ${line}` }) }, as.OPERATOR, 'INTAKE')).registerCase);
    for (const [i, [, partner]] of lines.entries()) {
      const transfer = await eventually(`the acknowledgement of ${partner}`, async () => {
        const [t] = (await caseDetail(cases[i]!.id)).transfers;
        return t?.status === 'ACKNOWLEDGED' ? t : undefined;
      });
      expect(transfer).toMatchObject({ partner, direction: 'OUTBOUND' });
      expect([...emergency[partner]!.incidents.values()].some((incident) => incident.caseNumber === cases[i]!.number)).toBe(true);
    }
    // What each line received is its agreement's fields: 119 and 122 get the caller's phone, not the name.
    for (const [i, [, partner]] of lines.entries()) {
      const incident = [...emergency[partner]!.incidents.values()].find((x) => x.caseNumber === cases[i]!.number)!;
      expect(incident.matter).toMatchObject({ caller_phone: '13812345678' });
      if (partner === 'ems120') expect(incident.matter).toMatchObject({ caller_name: '张三丰' });
      else expect(incident.matter).not.toHaveProperty('caller_name');
    }
  });

  it('petition: a caller already in the petition channel is told the route at intake; a referral becomes a case, reported back', async () => {
    petition.addPetition({ phone: '13900003333', region: '141102', categoryCode: '0105', acceptedAt: new Date(Date.now() - 20 * 86_400_000), petitionRef: 'XF1411002026120001' });
    const checked = ok(await op('RegisterCase', { input: intake({ categoryCode: '0105', title: '征收补偿', description: '来电人反映房屋征收补偿款至今未到位。', caller: { name: '王五', phone: '13900003333' } }) }, as.OPERATOR, 'INTAKE')).registerCase;
    expect(checked).toMatchObject({ status: 'INFORMED_LEGAL_ROUTE', disposition: 'INFORM_LEGAL_ROUTE' });

    const sent = await petition.sendReferral({ petitionRef: 'XF1411002026120002', region: '141102', township: '141102001', category: 'XF-CXJS', hubCategoryCode: '0101', title: '小区物业不作为', description: '信访人反映小区物业长期不清运垃圾，转 12345 办理。', address: '吕梁市离石区滨河街道某小区' });
    expect(sent.status).toBe(200);
    const report = await eventually('the referral reported back', async () => petition.reports.find((r) => r.petitionRef === 'XF1411002026120002'));
    expect(report).toMatchObject({ handling: 'SL', caseNumber: expect.stringMatching(/^12345-141100-/) });
    const shared = ok(await op('PetitionBureauCases', { first: 50 }, BUREAU, 'TRANSFER')).cases.edges.map((e: { node: { number: string } }) => e.node.number);
    expect(shared).toContain(report.caseNumber);
    // The bureau sees what was shared with it, not the 110 matters.
    expect(shared.every((n: string) => ![...police.own.values()].some((o) => o.caseNumber === n))).toBe(true);
  });

  it('Internet+Supervision: a lead becomes a case and its stage flows back; the office sees its leads', async () => {
    const sent = await supervision.sendLead({ leadRef: 'DC2026120800001', kind: 'BZW', priority: '2', region: '141102', categoryCode: '0302', title: '消费纠纷投诉无人处理', description: '群众反映在某商场购买家电出现质量问题，多次投诉无人处理。', dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    expect(sent.status).toBe(200);
    const report = await eventually('the lead reported back', async () => supervision.reports.find((r) => r.leadRef === 'DC2026120800001'));
    expect(report.caseNumber).toMatch(/^12345-141100-/);
    const leads = ok(await op('SupervisionLeads', { first: 50 }, OFFICE, 'SUPERVISION')).supervisionLeads;
    expect(leads.find((l: { leadRef: string }) => l.leadRef === 'DC2026120800001')).toMatchObject({ caseNumber: report.caseNumber, linked: false });
  });

  it('utilities: a water fault becomes an order in the company with its number; a published outage answers the operator', async () => {
    const c = ok(await op('RegisterCase', { input: intake({ categoryCode: '0801', type: 'HELP_REQUEST', title: '小区停水', description: '来电人反映小区从早上开始停水，至今未恢复，诉求尽快抢修。' }) }, as.OPERATOR, 'INTAKE')).registerCase;
    const order = await eventually('the fault order at the water company', async () => [...water.orders.values()].find((o) => o.caseNumber === c.number));
    expect(order.orderNo).toMatch(/.+/);
    const now = Date.now();
    const published = await power.send({ type: 'outage.published', outageNo: 'TD-141102-PROD', kind: 'JH', region: '141102', townships: ['141102100'], startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 4 * 3_600_000).toISOString(), reason: '10kV 信义线检修' });
    expect(published.status).toBe(200);
    const outages = ok(await op('Outages', { region: '141102' }, as.OPERATOR, 'INTAKE')).outages;
    expect(outages.find((o: { externalRef: string }) => o.externalRef === 'TD-141102-PROD')).toMatchObject({ utility: 'POWER' });
    // The power company sees its own orders, not the water company's.
    const powerOrders = ok(await op('FaultOrders', { first: 50 }, POWER, 'TRANSFER')).faultOrders;
    expect(powerOrders.map((o: { externalRef: string }) => o.externalRef)).not.toContain(order.orderNo);
  });

  it('every exchange is in the exchange log, whose chain verifies; the auditor reads it, a dispatcher may not', async () => {
    const log = ok(await op('ExchangeLog', { filter: { partner: 'police110' }, first: 100 }, as.AUDITOR, 'AUDIT')).exchangeLog.edges.map((e: { node: { direction: string; type: string; outcome: string } }) => `${e.node.direction} ${e.node.type} ${e.node.outcome}`);
    expect(log).toEqual(expect.arrayContaining(['IN transfer.created ACCEPTED', 'OUT transfer.acknowledged DELIVERED', 'OUT transfer.feedback DELIVERED', 'OUT transfer.created DELIVERED', 'IN transfer.acknowledged ACCEPTED', 'IN transfer.feedback ACCEPTED']));
    expect(ok(await op('VerifyExchangeLog', {}, as.AUDITOR, 'AUDIT')).verifyExchangeLog.ok).toBe(true);
    expect((await op('ExchangeLog', { first: 5 }, as.DISPATCHER, 'SUPERVISION')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('each process stops cleanly on SIGTERM', async () => {
    for (const p of Object.values(hub.processes)) expect(await p.stop('SIGTERM')).toBe(0);
  });
});
