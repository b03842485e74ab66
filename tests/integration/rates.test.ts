import { fromGlobalId } from '../../src/platform/graphql/ids';
import { startTestHub, type TestHub } from '../support/hub';
import { client, handlerOfLead, intake, M, ok, REGISTER, type Gql } from '../support/lifecycle';
import { as } from '../support/principals';

/**
 * 三率 that tell the truth, and the centre's other rates (issue 22, item 5), recounted by hand on a
 * week of cases walked through the gateway with a moving clock:
 * A on time and satisfied; B never signed; C signed first by a co-unit, then by the lead; D
 * dissatisfied, reopened, re-signed at once, then unreachable; E dispatched just now (window open);
 * G replied after its deadline; H a second call from A's caller, waiting; I unreachable.
 */
describe('rates that tell the truth', () => {
  let hub: TestHub;
  let gql: Gql;
  beforeAll(async () => {
    hub = await startTestHub();
    gql = client(hub);
  });
  afterAll(() => hub.stop());

  const T0 = new Date('2026-12-14T09:00:00+08:00').getTime(); // Monday
  const atHour = (h: number) => hub.clock.set(new Date(T0 + h * 3_600_000));
  const register = async (phone: string) => ok(await gql(REGISTER, { input: intake({ caller: { name: '来电人', phone } }) }, as.OPERATOR, 'INTAKE')).registerCase;
  const dispatch = async (id: string) => ok(await gql(M.dispatch, { id }, as.DISPATCHER)).dispatchCase;
  const STATS = /* GraphQL */ `query($groupBy: StatsGroupBy) { caseStats(filter: { from: "2026-12-14T00:00:00+08:00", to: "2026-12-15T00:00:00+08:00", region: "141102", groupBy: $groupBy }) {
    totals { cases dispatched responseDue respondedOnTime completionDue completedOnTime followUpDue followUpReached followedUp resolved satisfied callers repeatCalls
      responseRate onTimeCompletionRate followUpRate resolutionRate satisfactionRate repeatCallRate }
    groups { key cases dispatched responseRate } } }`;

  it('counts what happened — and only what can be counted yet', async () => {
    atHour(0);
    const a = await register('13700001001');
    const b = await register('13700001002');
    const c = await register('13700001003');
    const d = await register('13700001004');
    const e = await register('13700001005');
    const g = await register('13700001007');
    const i = await register('13700001009');
    const A = await dispatch(a.id);
    const lead = handlerOfLead(A);
    for (const x of [b, c, d, g, i]) await dispatch(x.id);
    atHour(0.5);
    const H = await register('13700001001'); // A's caller again
    const co = { ...lead, sub: 'hd-co', unit: fromGlobalId('Unit', A.coUnits[0].id)! };

    atHour(1);
    for (const x of [a, d, g, i]) ok(await gql(M.sign, { id: x.id }, lead));
    ok(await gql(M.sign, { id: c.id }, co));
    atHour(2);
    ok(await gql(M.sign, { id: c.id }, lead));
    for (const x of [a, d, i]) {
      ok(await gql(M.reply, { id: x.id, result: 'RESOLVED', text: '已责令施工单位停止夜间施工。' }, lead));
      ok(await gql(M.reviewReply, { id: x.id, accept: true }, as.DISPATCHER));
    }
    expect((ok(await gql(M.followUp, { id: a.id, input: { reached: true, resolved: true, satisfaction: 'SATISFIED' } }, as.OPERATOR, 'FOLLOW_UP'))).recordFollowUp.status).toBe('CLOSED');
    atHour(3);
    expect(ok(await gql(M.followUp, { id: d.id, input: { reached: true, resolved: false, satisfaction: 'DISSATISFIED' } }, as.OPERATOR, 'FOLLOW_UP')).recordFollowUp.status).toBe('DISPATCHED');
    for (const note of ['09:00 无人接听', '11:00 已关机']) ok(await gql(M.followUp, { id: i.id, input: { reached: false, note } }, as.OPERATOR, 'FOLLOW_UP'));
    atHour(4);
    // Reopened: a fresh window to sign in — re-signing at once is on time.
    ok(await gql(M.sign, { id: d.id }, lead));
    atHour(5);
    ok(await gql(M.reply, { id: d.id, result: 'RESOLVED', text: '已再次到现场核实并处理。' }, lead));
    ok(await gql(M.reviewReply, { id: d.id, accept: true }, as.DISPATCHER));
    // One unreached attempt in this new cycle does not close it: attempts count per cycle.
    expect(ok(await gql(M.followUp, { id: d.id, input: { reached: false, note: '14:00 无人接听' } }, as.OPERATOR, 'FOLLOW_UP')).recordFollowUp.status).toBe('FOLLOW_UP_PENDING');
    const unreachable = ok(await gql(M.followUp, { id: d.id, input: { reached: false, note: '16:00 仍无人接听' } }, as.OPERATOR, 'FOLLOW_UP')).recordFollowUp;
    // Closing unreachable keeps the caller's earlier answer, and every answer stays in the history.
    expect(unreachable).toMatchObject({ status: 'CLOSED', closeReason: 'UNREACHABLE', satisfaction: 'DISSATISFIED' });
    expect(unreachable.followUps.map((f: { reached: boolean; satisfaction: string | null }) => f.satisfaction ?? (f.reached ? '?' : '-'))).toEqual(['DISSATISFIED', '-', '-']);

    // A week later: G replies after its deadline (end of Monday 21 Dec); E is dispatched just now.
    hub.clock.set('2026-12-22T10:00:00+08:00');
    ok(await gql(M.reply, { id: g.id, result: 'RESOLVED', text: '已处理完毕，但超过期限。' }, lead));
    await dispatch(e.id);
    hub.clock.set('2026-12-22T10:30:00+08:00');

    const stats = ok(await gql(STATS, {}, as.DISPATCHER)).caseStats;
    expect(stats.totals).toEqual({
      cases: 8,
      dispatched: 7,
      // E's window is still open: not counted yet. B never signed; A, C (the lead's own signature), D (re-signed in its fresh window), G, I on time.
      responseDue: 6,
      respondedOnTime: 5,
      responseRate: 0.8333,
      // Replied or past the deadline: A, D, I on time; G late; B and C past it without a reply.
      completionDue: 6,
      completedOnTime: 3,
      onTimeCompletionRate: 0.5,
      // Followed up or due: A (reached), D (reached in its first cycle), I (never reached).
      followUpDue: 3,
      followUpReached: 2,
      followUpRate: 0.6667,
      // Answers: A satisfied and resolved; D dissatisfied (kept when it later closed unreachable).
      followedUp: 2,
      resolved: 1,
      satisfied: 1,
      resolutionRate: 0.5,
      satisfactionRate: 0.5,
      // H is A's caller calling again within the window.
      callers: 8,
      repeatCalls: 1,
      repeatCallRate: 0.125,
    });
    expect(H.status).toBe('PENDING_DISPATCH');
  });

  it('after a reopening, one unreached attempt does not close the case, and closing unreachable keeps the dissatisfaction', async () => {
    hub.clock.set('2026-12-23T09:00:00+08:00');
    const x = await dispatch((await register('13700001010')).id);
    const lead = handlerOfLead(x);
    const round = async () => {
      ok(await gql(M.sign, { id: x.id }, lead));
      ok(await gql(M.reply, { id: x.id, result: 'RESOLVED', text: '已处理完毕，施工已停止。' }, lead));
      ok(await gql(M.reviewReply, { id: x.id, accept: true }, as.DISPATCHER));
    };
    await round();
    ok(await gql(M.followUp, { id: x.id, input: { reached: true, resolved: false, satisfaction: 'DISSATISFIED' } }, as.OPERATOR, 'FOLLOW_UP'));
    await round();
    const first = ok(await gql(M.followUp, { id: x.id, input: { reached: false, note: '10:00 无人接听' } }, as.OPERATOR, 'FOLLOW_UP')).recordFollowUp;
    expect(first).toMatchObject({ status: 'FOLLOW_UP_PENDING', satisfaction: 'DISSATISFIED' });
    const last = ok(await gql(M.followUp, { id: x.id, input: { reached: false, note: '15:00 已关机' } }, as.OPERATOR, 'FOLLOW_UP')).recordFollowUp;
    expect(last).toMatchObject({ status: 'CLOSED', closeReason: 'UNREACHABLE', satisfaction: 'DISSATISFIED' });
  });

  it('tiers by unit kind (分档分类) beside the category tiers', async () => {
    const { groups } = ok(await gql(STATS, { groupBy: 'UNIT_KIND' }, as.DISPATCHER)).caseStats;
    expect(groups).toEqual(
      expect.arrayContaining([
        { key: 'DEPARTMENT', cases: 7, dispatched: 7, responseRate: 0.8333 },
        { key: 'none', cases: 1, dispatched: 0, responseRate: null },
      ]),
    );
  });
});
