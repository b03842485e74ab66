import { startTestHub, type TestHub } from '../support/hub';
import { client, errorOf, handlerOfLead, intake, M, ok, REGISTER, registeredAndDispatched, type Gql } from '../support/lifecycle';
import { as } from '../support/principals';

/**
 * 并单 that keeps every caller (issue 22, item 3): no merge into an ended case; merges flatten; when
 * the master closes, every merged caller gets its result and a follow-up of their own — whatever
 * became of the master's own caller — and a caller without a number is closed with the result.
 */
describe('merging duplicates', () => {
  let hub: TestHub;
  let gql: Gql;
  beforeAll(async () => {
    hub = await startTestHub();
    gql = client(hub);
  });
  afterAll(() => hub.stop());

  const register = async (caller: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
    ok(await gql(REGISTER, { input: intake({ caller, ...overrides }) }, as.OPERATOR, 'INTAKE')).registerCase;
  const get = async (id: string) => ok(await gql(`query($id: ID!) { case(id: $id) { status closeReason closedAt followUpDueAt satisfaction master { id } reply { result text } } }`, { id }, as.DISPATCHER)).case;
  const handleToFollowUp = async (master: { id: string; leadUnit: { id: string } }) => {
    const handler = handlerOfLead(master);
    ok(await gql(M.sign, { id: master.id }, handler));
    ok(await gql(M.reply, { id: master.id, result: 'RESOLVED', text: '工地已停止夜间施工。' }, handler));
    ok(await gql(M.reviewReply, { id: master.id, accept: true }, as.DISPATCHER));
  };
  const followUp = (id: string, input: Record<string, unknown>) => gql(M.followUp, { id, input }, as.OPERATOR, 'FOLLOW_UP');

  it('never merges into an ended case (an explained one would keep its children waiting forever)', async () => {
    const explained = await register({ name: '甲', phone: '13900000001' }, { disposition: 'EXPLAIN', explainReason: '诉求涉及他人隐私，依法不予受理。' });
    const child = await register({ name: '乙', phone: '13900000002' });
    const refused = await gql(M.merge, { master: explained.id, ids: [child.id] }, as.DISPATCHER);
    expect(errorOf(refused)).toMatchObject({ code: 'INVALID_TRANSITION', extensions: { from: 'EXPLAINED', to: 'MERGED' } });
    expect((await get(child.id)).status).toBe('PENDING_DISPATCH');
  });

  it('flattens nested merges: B and C merged into A, A into D — when D closes, B and C are followed up and close too', async () => {
    const a = await register({ name: '甲', phone: '13900000011' });
    const b = await register({ name: '乙', phone: '13900000012' });
    const c = await register({ name: '丙', phone: '13900000013' });
    ok(await gql(M.merge, { master: a.id, ids: [b.id, c.id] }, as.DISPATCHER));
    const d = await registeredAndDispatched(gql, { caller: { name: '丁', phone: '13900000014' } });
    const merged = ok(await gql(M.merge, { master: d.id, ids: [a.id] }, as.DISPATCHER)).mergeCases;
    expect(merged.merged.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect((await get(b.id)).master.id).toBe(d.id);

    await handleToFollowUp(d);
    ok(await followUp(d.id, { reached: true, resolved: true, satisfaction: 'SATISFIED' }));
    for (const id of [a.id, b.id, c.id]) {
      expect(await get(id)).toMatchObject({ status: 'FOLLOW_UP_PENDING', closedAt: null, reply: { result: 'RESOLVED', text: '工地已停止夜间施工。' }, followUpDueAt: expect.any(String) });
    }
    const bClosed = ok(await followUp(b.id, { reached: true, resolved: true, satisfaction: 'BASICALLY_SATISFIED' })).recordFollowUp;
    expect(bClosed).toMatchObject({ status: 'CLOSED', closeReason: 'FOLLOW_UP', satisfaction: 'BASICALLY_SATISFIED' });
    // One merged caller is still dissatisfied: their own case reopens to the unit that handled the matter.
    const cReopened = ok(await followUp(c.id, { reached: true, resolved: false, satisfaction: 'DISSATISFIED' })).recordFollowUp;
    expect(cReopened).toMatchObject({ status: 'DISPATCHED', reopenCount: 1, leadUnit: { id: d.leadUnit.id } });
  });

  it('an unreachable master does not make its children unreachable: each is followed up in its own right', async () => {
    const master = await registeredAndDispatched(gql, { caller: { name: '戊', phone: '13900000021' } });
    const child = await register({ name: '己', phone: '13900000022' });
    ok(await gql(M.merge, { master: master.id, ids: [child.id] }, as.DISPATCHER));
    await handleToFollowUp(master);
    ok(await followUp(master.id, { reached: false, note: '09:10 无人接听' }));
    const unreachable = ok(await followUp(master.id, { reached: false, note: '15:30 已关机' })).recordFollowUp;
    expect(unreachable).toMatchObject({ status: 'CLOSED', closeReason: 'UNREACHABLE' });
    expect(await get(child.id)).toMatchObject({ status: 'FOLLOW_UP_PENDING', closeReason: null });
    const reached = ok(await followUp(child.id, { reached: true, resolved: true, satisfaction: 'SATISFIED' })).recordFollowUp;
    expect(reached).toMatchObject({ status: 'CLOSED', closeReason: 'FOLLOW_UP', satisfaction: 'SATISFIED' });
  });

  it('a merged caller without a number is closed with the master\'s result (nobody to call)', async () => {
    const master = await registeredAndDispatched(gql, { caller: { name: '庚', phone: '13900000031' } });
    const anonymous = await register({ anonymous: true });
    ok(await gql(M.merge, { master: master.id, ids: [anonymous.id] }, as.DISPATCHER));
    await handleToFollowUp(master);
    ok(await followUp(master.id, { reached: true, resolved: true, satisfaction: 'SATISFIED' }));
    expect(await get(anonymous.id)).toMatchObject({ status: 'CLOSED', closeReason: 'MASTER_CLOSED', closedAt: expect.any(String), reply: { result: 'RESOLVED' } });
  });
});
