import { partnerRegistry } from '../../../connectors/kit/partners';
import { generateSecret } from '../../../connectors/kit/signing';
import { UtilitySimulator } from '../../../connectors/utilities/simulator';
import { startTestHub, type TestHub } from '../../support/hub';
import { client, intake, ok, REGISTER, type Gql } from '../../support/lifecycle';
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
