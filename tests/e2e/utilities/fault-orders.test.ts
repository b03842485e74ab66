import { partnerRegistry } from '../../../connectors/kit/partners';
import { generateSecret } from '../../../connectors/kit/signing';
import { UtilitySimulator } from '../../../connectors/utilities/simulator';
import { startTestHub, type TestHub } from '../../support/hub';
import { client, intake, M, ok, REGISTER, type Gql } from '../../support/lifecycle';
import { as } from '../../support/principals';

const ORDER = /* GraphQL */ `
  query($id: ID!) { case(id: $id) { number status utilityOrder { externalRef status childCount childCaseNumbers township promisedArrivalAt } } }
`;

const waterCall = (i: number, township = '141102001') =>
  intake({
    categoryCode: '0801',
    type: 'HELP_REQUEST',
    title: '小区停水',
    description: `来电人反映所在小区从早上开始停水，至今未恢复，诉求尽快抢修（第${i}位来电）。`,
    township,
    address: township === '141102001' ? `吕梁市离石区滨河街道龙凤南路${i}号` : `吕梁市离石区信义镇信义村${i}号`,
    caller: { name: `来电人${i}`, phone: `1390000${String(1000 + i)}` },
  });

/** 66号 (一): the hotline and the utilities' lines — one fault, one order; calls about it are its children. */
describe('utility fault orders (水电气暖)', () => {
  let hub: TestHub;
  let gql: Gql;
  let water: UtilitySimulator;

  beforeAll(async () => {
    const secrets = [generateSecret()];
    water = new UtilitySimulator({ utility: 'water', secrets });
    const url = await water.start();
    hub = await startTestHub({ partners: partnerRegistry({ 'utility-water': { url, secrets, timeoutMs: 500 } }) });
    gql = client(hub);
  });
  afterAll(async () => {
    await hub?.stop();
    await water?.stop();
  });

  const register = async (input: Record<string, unknown>) => ok(await gql(REGISTER, { input }, as.OPERATOR, 'INTAKE')).registerCase;

  it('twenty calls about one outage make one order in the water company, with twenty children', async () => {
    const calls = [];
    for (let i = 1; i <= 20; i++) calls.push(await register(waterCall(i)));
    await hub.drainOutboxes();
    expect(water.http.messages('order.created')).toHaveLength(1);
    expect(water.orders.size).toBe(1);
    const [sent] = [...water.orders.values()];
    const orders = await Promise.all(calls.map(async (c) => ok(await gql(ORDER, { id: c.id }, as.DISPATCHER)).case.utilityOrder));
    for (const order of orders) expect(order).toMatchObject({ externalRef: sent!.orderNo, status: 'SENT', childCount: 20, township: '141102001' });
    expect([...orders[0].childCaseNumbers].sort()).toEqual(calls.map((c) => c.number).sort());
    // What the company received names the place and the first call, not the caller.
    expect(sent).toMatchObject({ categoryCode: '0801', region: '141102', township: '141102001', caseNumber: expect.stringMatching(/^12345-141100-/) });
    expect(water.http.messages('order.created')[0]!.body).not.toMatch(/1390000\d{4}/);
  });

  it('a call about another place opens its own order', async () => {
    const elsewhere = await register(waterCall(99, '141102100'));
    await hub.drainOutboxes();
    const order = ok(await gql(ORDER, { id: elsewhere.id }, as.DISPATCHER)).case.utilityOrder;
    expect(order).toMatchObject({ childCount: 1, township: '141102100', childCaseNumbers: [elsewhere.number] });
    expect(water.orders.size).toBe(2);
  });

  it('the company down, then too slow, then back: the order arrives once, with one number, and nothing is lost', async () => {
    const before = { orders: water.orders.size, requests: water.http.messages('order.created').length };
    water.http.fail({ kind: 'status', status: 503 });
    // Answers after the hub gave up waiting: the company has the order, the hub does not know its number.
    water.http.fail({ kind: 'slow', delayMs: 1_500 });
    const c = await register({ ...waterCall(7), region: '141125', township: '141125100', address: '吕梁市柳林县柳林镇滨河路7号' });
    await hub.drainOutboxes();
    for (let i = 0; i < 5 && !ok(await gql(ORDER, { id: c.id }, as.DISPATCHER)).case.utilityOrder.externalRef; i++) {
      hub.clock.advance(5 * 60_000);
      await hub.drainOutboxes();
    }
    expect(water.http.messages('order.created').length - before.requests).toBeGreaterThanOrEqual(3);
    expect(water.orders.size).toBe(before.orders + 1);
    const order = ok(await gql(ORDER, { id: c.id }, as.DISPATCHER)).case.utilityOrder;
    const sent = [...water.orders.values()].find((o) => o.caseNumber === c.number)!;
    expect(order).toMatchObject({ status: 'SENT', externalRef: sent.orderNo, childCount: 1 });
  });
});

/** The utility's side: outages published, and order status, arrival, restoration and reply driving the cases. */
describe('utility messages to the hub', () => {
  let hub: TestHub;
  let gql: Gql;
  let power: UtilitySimulator;

  beforeAll(async () => {
    const secrets = [generateSecret()];
    power = new UtilitySimulator({ utility: 'power', secrets });
    const url = await power.start();
    hub = await startTestHub({ partners: partnerRegistry({ 'utility-power': { url, secrets, timeoutMs: 1_000 } }) });
    power.hubWebhookUrl = `${hub.url}/partners/utility-power/webhook`;
    gql = client(hub);
  });
  afterAll(async () => {
    await hub?.stop();
    await power?.stop();
  });

  const powerCall = (i: number, township: string) =>
    intake({ categoryCode: '0802', type: 'HELP_REQUEST', title: '突然停电', description: `来电人反映家中突然停电，邻居家也没电，诉求尽快恢复供电（第${i}位来电）。`, township, caller: { name: `来电人${i}`, phone: `1370000${String(2000 + i)}` } });

  it('a published outage answers the operator at once, and a call in its area joins it instead of becoming a new order', async () => {
    const now = hub.clock.now();
    const published = await power.send({ type: 'outage.published', outageNo: 'TD-141102-0099', kind: 'JH', region: '141102', townships: ['141102100'], startsAt: new Date(now.getTime() - 3_600_000).toISOString(), endsAt: new Date(now.getTime() + 5 * 3_600_000).toISOString(), reason: '10kV 信义线检修' });
    expect(published.status).toBe(200);
    const outages = ok(await gql(`{ outages(region: "141100") { externalRef kind utility townships reason answer } }`, {}, as.OPERATOR, 'INTAKE')).outages;
    expect(outages).toEqual([expect.objectContaining({ externalRef: 'TD-141102-0099', kind: 'PLANNED', utility: 'POWER', townships: ['141102100'], reason: '10kV 信义线检修' })]);
    expect(outages[0].answer).toContain('计划停电');
    // Outside the outage's time, nothing is in force.
    const later = new Date(now.getTime() + 24 * 3_600_000).toISOString();
    expect(ok(await gql(`query($at: DateTime) { outages(region: "141102", at: $at) { externalRef } }`, { at: later }, as.OPERATOR)).outages).toEqual([]);

    const c = ok(await gql(REGISTER, { input: powerCall(1, '141102100') }, as.OPERATOR, 'INTAKE')).registerCase;
    await hub.drainOutboxes();
    expect(power.http.messages('order.created')).toHaveLength(0);
    const shown = ok(await gql(`query($id: ID!) { case(id: $id) { utilityOrder { status externalRef outage { externalRef } } linkedMatters { system reference relation } events { edges { node { action note } } } } }`, { id: c.id }, as.DISPATCHER)).case;
    expect(shown.utilityOrder).toEqual({ status: 'COVERED_BY_OUTAGE', externalRef: 'TD-141102-0099', outage: { externalRef: 'TD-141102-0099' } });
    expect(shown.linkedMatters).toEqual([{ system: 'UTILITY', reference: 'TD-141102-0099', relation: 'KNOWN_OUTAGE' }]);
    expect(shown.events.edges.map((e: { node: { action: string; note: string } }) => e.node)).toContainEqual({ action: 'partnerProgress', note: expect.stringContaining('TD-141102-0099') });
  });

  it("the company's status, arrival, restoration and reply drive every child case; repeated messages change nothing", async () => {
    const first = ok(await gql(REGISTER, { input: powerCall(2, '141102001') }, as.OPERATOR, 'INTAKE')).registerCase;
    const second = ok(await gql(REGISTER, { input: powerCall(3, '141102001') }, as.OPERATOR, 'INTAKE')).registerCase;
    await hub.drainOutboxes();
    const orderNo = [...power.orders.values()][0]!.orderNo;
    const dispatched = ok(await gql(M.dispatch, { id: first.id }, as.DISPATCHER)).dispatchCase;
    expect(dispatched.status).toBe('DISPATCHED');
    const at = (minutes: number) => new Date(hub.clock.now().getTime() + minutes * 60_000).toISOString();
    expect((await power.send({ type: 'order.status', orderNo, status: 'JD', at: at(1) })).status).toBe(200);
    expect((await power.send({ type: 'order.status', orderNo, status: 'DD', at: at(40) }, { id: 'msg_arrived' })).status).toBe(200);
    expect((await power.send({ type: 'order.status', orderNo, status: 'DD', at: at(40) }, { id: 'msg_arrived' })).body).toMatchObject({ duplicate: true });
    expect((await power.send({ type: 'order.status', orderNo, status: 'HD', at: at(150), reply: '线路故障已排除，已恢复供电。' })).status).toBe(200);
    // A late "accepted" after the reply moves nothing back.
    expect((await power.send({ type: 'order.status', orderNo, status: 'JD', at: at(160) })).status).toBe(200);
    await hub.drainOutboxes();
    const CASE = `query($id: ID!) { case(id: $id) { status reply { result text } utilityOrder { status arrivedAt reply childCount } linkedMatters { reference status } events { edges { node { action note } } } } }`;
    const a = ok(await gql(CASE, { id: first.id }, as.DISPATCHER)).case;
    expect(a).toMatchObject({ status: 'REPLIED', reply: { result: 'RESOLVED', text: '线路故障已排除，已恢复供电。' }, utilityOrder: { status: 'REPLIED', childCount: 2, reply: '线路故障已排除，已恢复供电。' } });
    expect(a.utilityOrder.arrivedAt).toBe(at(40).replace(/\.\d{3}Z$/, '.000Z'));
    expect(a.linkedMatters).toEqual([{ reference: orderNo, status: 'REPLIED' }]);
    // The case still waiting for dispatch is told, not replied: the dispatcher decides.
    const b = ok(await gql(CASE, { id: second.id }, as.DISPATCHER)).case;
    expect(b.status).toBe('PENDING_DISPATCH');
    const notes = b.events.edges.map((e: { node: { action: string; note: string } }) => e.node).filter((n: { action: string }) => n.action === 'partnerProgress').map((n: { note: string }) => n.note);
    expect(notes).toEqual([expect.stringContaining('已接单'), expect.stringContaining('已到达现场'), '线路故障已排除，已恢复供电。']);
  });

  it('a status for an order the company does not have is refused with the field', async () => {
    const refused = await power.send({ type: 'order.status', orderNo: '955980000009999', status: 'DD', at: new Date().toISOString() });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('orderNo');
  });
});
