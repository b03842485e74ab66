import { partnerRegistry } from '../../../connectors/kit/partners';
import { generateSecret } from '../../../connectors/kit/signing';
import { SupervisionSimulator } from '../../../connectors/supervision/simulator';
import type { Principal } from '../../../src/platform/identity/principal';
import { startTestHub, type TestHub } from '../../support/hub';
import { client, intake, ok, REGISTER, type Gql } from '../../support/lifecycle';
import { as } from '../../support/principals';

const OFFICE: Principal = { sub: 'pa-duchashi-ll', role: 'PARTNER_AGENCY', partner: 'supervision', region: '141100' };

const LINKS = /* GraphQL */ `
  query($id: ID!) { case(id: $id) { number channel urgency status
    linkedMatters { system reference relation status }
    supervisionLeads { leadRef linked status caseNumber priority }
    supervisions { kind trigger note } } }
`;

/** 互联网+督查: leads arrive signed and idempotent, become cases or are linked to the case about the same matter. */
describe('Internet+Supervision leads (互联网+督查)', () => {
  let hub: TestHub;
  let gql: Gql;
  let platform: SupervisionSimulator;

  beforeAll(async () => {
    const secrets = [generateSecret()];
    platform = new SupervisionSimulator({ secrets });
    const url = await platform.start();
    hub = await startTestHub({ partners: partnerRegistry({ supervision: { url, secrets, timeoutMs: 1_000 } }) });
    platform.hubWebhookUrl = `${hub.url}/partners/supervision/webhook`;
    gql = client(hub);
  });
  afterAll(async () => {
    await hub?.stop();
    await platform?.stop();
  });

  it('a lead about a matter the hotline already shares with the office is linked to that case, not registered twice, and the platform is told', async () => {
    // The first lead about the matter becomes a case the office reads (it sent the matter).
    const { title, description } = intake() as { title: string; description: string };
    const first = await platform.sendLead({ leadRef: 'DC2026112700000', kind: 'BZW', priority: '2', region: '141102', categoryCode: '0104', title, description });
    expect(first.status).toBe(200);
    await hub.drainOutboxes();
    const number = ok(await gql(`{ supervisionLeads(first: 50) { leadRef caseNumber } }`, {}, OFFICE, 'SUPERVISION')).supervisionLeads.find((l: { leadRef: string }) => l.leadRef === 'DC2026112700000').caseNumber;
    const c = ok(await gql(`query($n: String!) { caseByNumber(number: $n) { id number } }`, { n: number }, as.DISPATCHER)).caseByNumber;
    // A second lead about the same matter, citing that case: linked to it.
    const sent = await platform.sendLead({ leadRef: 'DC2026112700001', kind: 'BZW', priority: '2', region: '141102', categoryCode: '0104', title, description, caseNumber: c.number });
    expect(sent.status).toBe(200);
    await hub.drainOutboxes();
    const linked = ok(await gql(LINKS, { id: c.id }, as.DISPATCHER)).case;
    expect([...linked.linkedMatters].sort((a, b) => a.reference.localeCompare(b.reference))).toEqual([
      { system: 'SUPERVISION', reference: 'DC2026112700000', relation: 'ORIGIN', status: 'REGISTERED' },
      { system: 'SUPERVISION', reference: 'DC2026112700001', relation: 'SAME_MATTER', status: 'LINKED' },
    ]);
    // Both arrived at the same (test) instant: in reference order.
    const byRef = (a: { leadRef: string }, b: { leadRef: string }) => a.leadRef.localeCompare(b.leadRef);
    expect([...linked.supervisionLeads].sort(byRef)).toEqual([
      { leadRef: 'DC2026112700000', linked: false, status: 'REGISTERED', caseNumber: c.number, priority: 'IMPORTANT' },
      { leadRef: 'DC2026112700001', linked: true, status: 'LINKED', caseNumber: c.number, priority: 'IMPORTANT' },
    ]);
    expect(linked.channel).toBe('SUPERVISION_LEAD');
    expect([...platform.reports].sort(byRef)).toEqual([
      expect.objectContaining({ leadRef: 'DC2026112700000', stage: 'YSL', caseNumber: c.number, linked: false }),
      expect.objectContaining({ leadRef: 'DC2026112700001', stage: 'YSL', caseNumber: c.number, linked: true }),
    ]);
    const seen = ok(await gql(`query($id: ID!) { case(id: $id) { number status linkedMatters { reference } } }`, { id: c.id }, OFFICE, 'SUPERVISION')).case;
    expect(seen).toEqual({ number: c.number, status: 'PENDING_DISPATCH', linkedMatters: expect.arrayContaining([{ reference: 'DC2026112700000' }, { reference: 'DC2026112700001' }]) });
  });

  it('a lead about a case the office may not see is a matter of its own: the case it cites is named for a dispatcher, not linked', async () => {
    const c = ok(await gql(REGISTER, { input: intake({ categoryCode: '0201', title: '工资拖欠', description: '来电人反映某工地拖欠工资两个月，诉求尽快支付。' }) }, as.OPERATOR, 'INTAKE')).registerCase;
    await platform.sendLead({ leadRef: 'DC2026112700009', kind: 'BZW', priority: '2', region: '141102', categoryCode: '0201', title: '工资拖欠', description: '来电人反映某工地拖欠工资两个月，诉求尽快支付。', caseNumber: c.number });
    await hub.drainOutboxes();
    expect(ok(await gql(LINKS, { id: c.id }, as.DISPATCHER)).case.linkedMatters).toEqual([]);
    expect(ok(await gql(`query($id: ID!) { case(id: $id) { number } }`, { id: c.id }, OFFICE, 'SUPERVISION')).case).toBeNull();
    const lead = ok(await gql(`{ supervisionLeads(first: 50) { leadRef linked caseNumber } }`, {}, OFFICE, 'SUPERVISION')).supervisionLeads.find((l: { leadRef: string }) => l.leadRef === 'DC2026112700009');
    expect(lead).toEqual({ leadRef: 'DC2026112700009', linked: false, caseNumber: expect.stringMatching(/^12345-141100-/) });
    expect(lead.caseNumber).not.toBe(c.number);
  });

  it('a new matter becomes a SUPERVISION_LEAD case with its priority; the same lead sent again — same id or not — stays one', async () => {
    const lead = { leadRef: 'DC2026112700002', kind: 'ZCLS', priority: '3', region: '141125', categoryCode: '0201', title: '农民工工资拖欠政策未落实', description: '反映柳林县某工地拖欠农民工工资三个月，劳动监察部门未按政策督促支付。' };
    // The platform is down when its status report is due: the report waits and arrives once.
    platform.http.fail({ kind: 'status', status: 503 }, 2);
    const first = await platform.sendLead(lead, { id: 'msg_lead_2' });
    const again = await platform.sendLead(lead, { id: 'msg_lead_2' });
    const resent = await platform.sendLead(lead, { id: 'msg_lead_2_resent' });
    expect([first.status, again.status, resent.status]).toEqual([200, 200, 200]);
    expect(again.body).toMatchObject({ duplicate: true });
    expect(resent.body).toMatchObject({ result: { duplicate: true } });
    for (let i = 0; i < 10 && !platform.reports.some((r) => r.leadRef === lead.leadRef); i++) {
      await hub.drainOutboxes();
      hub.clock.advance(10 * 60_000);
    }
    expect(platform.reports.filter((r) => r.leadRef === lead.leadRef)).toEqual([expect.objectContaining({ stage: 'YSL', linked: false })]);
    const leads = ok(await gql(`{ supervisionLeads(first: 50) { leadRef linked caseNumber kind priority } }`, {}, OFFICE, 'SUPERVISION')).supervisionLeads;
    const mine = leads.filter((l: { leadRef: string }) => l.leadRef === lead.leadRef);
    expect(mine).toEqual([{ leadRef: lead.leadRef, linked: false, caseNumber: expect.stringMatching(/^12345-141100-/), kind: 'POLICY_NOT_IMPLEMENTED', priority: 'URGENT' }]);
    const found = ok(await gql(`query($n: String!) { caseByNumber(number: $n) { id channel urgency status linkedMatters { system reference relation } } }`, { n: mine[0].caseNumber }, as.DISPATCHER)).caseByNumber;
    expect(found).toMatchObject({ channel: 'SUPERVISION_LEAD', urgency: 'VERY_URGENT', status: 'PENDING_DISPATCH', linkedMatters: [{ system: 'SUPERVISION', reference: lead.leadRef, relation: 'ORIGIN' }] });
  });

  it('a lead past its time limit raises supervision on its case once, at the level of its priority', async () => {
    const dueAt = new Date(hub.clock.now().getTime() + 86_400_000).toISOString();
    await platform.sendLead({ leadRef: 'DC2026112700003', kind: 'BZW', priority: '2', region: '141102', categoryCode: '0302', title: '消费纠纷投诉无人处理', description: '来电人反映在离石区某商场购买家电出现质量问题，多次投诉无人处理。', dueAt });
    await hub.drainOutboxes();
    const number = ok(await gql(`{ supervisionLeads(first: 50) { leadRef caseNumber } }`, {}, OFFICE, 'SUPERVISION')).supervisionLeads.find((l: { leadRef: string }) => l.leadRef === 'DC2026112700003').caseNumber;
    const c = ok(await gql(`query($n: String!) { caseByNumber(number: $n) { id } }`, { n: number }, as.DISPATCHER)).caseByNumber;
    expect(ok(await gql(LINKS, { id: c.id }, as.DISPATCHER)).case.supervisions).toEqual([]);
    hub.clock.advance(2 * 86_400_000);
    await hub.sweepSupervision();
    await hub.drainOutboxes();
    await hub.sweepSupervision();
    await hub.drainOutboxes();
    const raised = ok(await gql(LINKS, { id: c.id }, as.DISPATCHER)).case;
    expect(raised.supervisions.filter((s: { trigger: string }) => s.trigger === 'PARTNER')).toEqual([
      { kind: 'LISTED', trigger: 'PARTNER', note: '互联网+督查线索 DC2026112700003 已超过办理时限，自动督办' },
    ]);
  });

  it('a lead with a bad field is refused with the field and the reason, and nothing is created', async () => {
    const bad = await platform.sendLead({ leadRef: 'DC2026112700004', kind: 'BZW', priority: '9', region: '141102', categoryCode: '0104', title: 't', description: '描述不少于五个字' });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('data.priority');
    const leads = ok(await gql(`{ supervisionLeads(first: 50) { leadRef } }`, {}, OFFICE, 'SUPERVISION')).supervisionLeads;
    expect(leads.map((l: { leadRef: string }) => l.leadRef)).not.toContain('DC2026112700004');
  });

  it('supervisionLeads(overdue: true) lists only overdue leads, overdue: false only the others', async () => {
    const now = hub.clock.now().getTime();
    const lead = (leadRef: string, dueAt: number) =>
      platform.sendLead({ leadRef, kind: 'BZW', priority: '3', region: '141102', categoryCode: '0104', title: '施工噪音投诉无人处理', description: '群众反映工地夜间施工噪音投诉多次无人处理。', dueAt: new Date(dueAt).toISOString() });
    expect((await lead('DC2026112700010', now + 5 * 86_400_000)).status).toBe(200);
    expect((await lead('DC2026112700011', now + 86_400_000)).status).toBe(200);
    await hub.drainOutboxes();
    hub.clock.advance(2 * 86_400_000);
    const refs = async (overdue: boolean) =>
      ok(await gql(`query($o: Boolean) { supervisionLeads(first: 100, overdue: $o) { leadRef overdue } }`, { o: overdue }, OFFICE, 'SUPERVISION')).supervisionLeads as { leadRef: string; overdue: boolean }[];
    const overdue = await refs(true);
    const notOverdue = await refs(false);
    expect(overdue.map((l) => l.leadRef)).toContain('DC2026112700011');
    expect(overdue.map((l) => l.leadRef)).not.toContain('DC2026112700010');
    expect(notOverdue.map((l) => l.leadRef)).toContain('DC2026112700010');
    expect(notOverdue.map((l) => l.leadRef)).not.toContain('DC2026112700011');
    expect(overdue.every((l) => l.overdue)).toBe(true);
    expect(notOverdue.every((l) => !l.overdue)).toBe(true);
  });
});
