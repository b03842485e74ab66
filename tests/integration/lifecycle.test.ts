import { startTestHub, type TestHub } from '../support/hub';
import { client, errorOf, handlerOfLead, intake, M, ok, REGISTER, registeredAndDispatched, type Gql } from '../support/lifecycle';
import { as } from '../support/principals';

/** One scenario per path through the workflow table (src/hotline/workflow.ts), through the gateway. */
describe('the work-order lifecycle', () => {
  let hub: TestHub;
  let gql: Gql;
  beforeAll(async () => {
    hub = await startTestHub();
    gql = client(hub);
  });
  afterAll(() => hub.stop());

  const history = async (id: string) =>
    ok(await gql(M.get, { id }, as.DISPATCHER)).case.events.edges.map((e: { node: { action: string; toStatus: string } }) => `${e.node.action}→${e.node.toStatus}`);

  it('happy path: call → catalog dispatch → sign → reply → accept → satisfied follow-up → closed', async () => {
    const registered = ok(await gql(REGISTER, { input: intake() }, as.OPERATOR, 'INTAKE')).registerCase;
    expect(registered).toMatchObject({ status: 'PENDING_DISPATCH', disposition: 'HANDLE', leadUnit: null });
    expect(registered.number).toMatch(/^12345-141100-\d{8}-\d{6}$/);

    const dispatched = ok(await gql(M.dispatch, { id: registered.id }, as.DISPATCHER)).dispatchCase;
    expect(dispatched.status).toBe('DISPATCHED');
    expect(dispatched.leadUnit.kind).toBe('LINE_DEPARTMENT');
    expect(dispatched.coUnits.length).toBeGreaterThan(0);
    expect(new Date(dispatched.dueAt).getTime()).toBeGreaterThan(hub.clock.now().getTime() + 3 * 86_400_000);
    const handler = handlerOfLead(dispatched);

    expect(ok(await gql(M.sign, { id: registered.id }, handler)).signCase.status).toBe('SIGNED');
    const replied = ok(await gql(M.reply, { id: registered.id, result: 'RESOLVED', text: '已责令施工单位停止夜间施工，并处以罚款。' }, handler)).replyCase;
    expect(replied).toMatchObject({ status: 'REPLIED', reply: { result: 'RESOLVED' } });
    expect(ok(await gql(M.reviewReply, { id: registered.id, accept: true }, as.DISPATCHER)).reviewReply.status).toBe('FOLLOW_UP_PENDING');
    const closed = ok(await gql(M.followUp, { id: registered.id, input: { reached: true, resolved: true, satisfaction: 'SATISFIED' } }, as.OPERATOR, 'FOLLOW_UP')).recordFollowUp;
    expect(closed).toMatchObject({ status: 'CLOSED', closeReason: 'FOLLOW_UP', satisfaction: 'SATISFIED' });
    expect(closed.closedAt).not.toBeNull();
    expect(await history(registered.id)).toEqual([
      'register→REGISTERED',
      'awaitDispatch→PENDING_DISPATCH',
      'dispatch→DISPATCHED',
      'sign→SIGNED',
      'reply→REPLIED',
      'acceptReply→FOLLOW_UP_PENDING',
      'close→CLOSED',
    ]);
  });

  it('return upheld: the objection is reviewed and the case goes to the new lead unit', async () => {
    const dispatched = await registeredAndDispatched(gql);
    const handler = handlerOfLead(dispatched);
    const returned = ok(await gql(M.requestReturn, { id: dispatched.id, reason: 'WRONG_REMIT', note: '噪音执法属生态环境部门职责' }, handler)).requestReturn;
    expect(returned.status).toBe('RETURN_REQUESTED');
    const units = ok(await gql(`{ units(region: "141100") { id name kind } }`, {}, as.DISPATCHER)).units as { id: string; name: string; kind: string }[];
    const eco = units.find((u) => u.name === '吕梁市生态环境局')!;
    const reassigned = ok(await gql(M.reviewReturn, { id: dispatched.id, uphold: true, lead: eco.id, note: '改派生态环境局' }, as.DISPATCHER)).reviewReturn;
    expect(reassigned).toMatchObject({ status: 'DISPATCHED', leadUnit: { name: '吕梁市生态环境局' }, objections: [{ reason: 'WRONG_REMIT', decision: 'UPHELD' }] });
    // The former lead no longer sees the case: out of scope reads as missing.
    expect((await gql(M.get, { id: dispatched.id }, handler)).body.data!.case).toBeNull();
  });

  it('return rejected: the unit keeps the case in the state it was in', async () => {
    const dispatched = await registeredAndDispatched(gql);
    const handler = handlerOfLead(dispatched);
    ok(await gql(M.sign, { id: dispatched.id }, handler));
    ok(await gql(M.requestReturn, { id: dispatched.id, reason: 'UNCLEAR_OWNERSHIP', note: '权属不清' }, handler));
    const kept = ok(await gql(M.reviewReturn, { id: dispatched.id, uphold: false, note: '属本单位职责' }, as.DISPATCHER)).reviewReturn;
    expect(kept).toMatchObject({ status: 'SIGNED', objections: [{ decision: 'REJECTED' }] });
    expect(kept.leadUnit.id).toBe(dispatched.leadUnit.id);
  });

  it('return refused after the window: the unit is first-responsible', async () => {
    const dispatched = await registeredAndDispatched(gql);
    const handler = handlerOfLead(dispatched);
    hub.clock.set(new Date(new Date(dispatched.returnDeadline).getTime() + 60_000));
    const res = await gql(M.requestReturn, { id: dispatched.id, reason: 'WRONG_AREA', note: '不在辖区' }, handler);
    expect(errorOf(res)).toMatchObject({ code: 'INVALID_TRANSITION', extensions: { from: 'DISPATCHED', to: 'RETURN_REQUESTED' } });
    expect(errorOf(res).message).toMatch(/return window closed .* first-responsible/);
    hub.clock.set(new Date('2026-11-27T10:00:00+08:00'));
  });

  it('send-back (发回重办): the reply is refused with a note and the unit replies again', async () => {
    const dispatched = await registeredAndDispatched(gql);
    const handler = handlerOfLead(dispatched);
    ok(await gql(M.sign, { id: dispatched.id }, handler));
    ok(await gql(M.reply, { id: dispatched.id, result: 'EXPLAINED', text: '已向来电人解释。' }, handler));
    const missingNote = await gql(M.reviewReply, { id: dispatched.id, accept: false }, as.DISPATCHER);
    expect(errorOf(missingNote)).toMatchObject({ code: 'BAD_USER_INPUT', message: 'note: say why the reply is sent back' });
    const sentBack = ok(await gql(M.reviewReply, { id: dispatched.id, accept: false, note: '未到现场核实' }, as.DISPATCHER)).reviewReply;
    expect(sentBack).toMatchObject({ status: 'SENT_BACK', sendBackCount: 1 });
    expect(ok(await gql(M.reply, { id: dispatched.id, result: 'RESOLVED', text: '已现场核实并处理完毕。' }, handler)).replyCase.status).toBe('REPLIED');
  });

  it('reopen: dissatisfied once → back to the lead unit; dissatisfied again → reopened under supervision', async () => {
    const dispatched = await registeredAndDispatched(gql);
    const handler = handlerOfLead(dispatched);
    const round = async () => {
      ok(await gql(M.sign, { id: dispatched.id }, handler));
      ok(await gql(M.reply, { id: dispatched.id, result: 'PARTIALLY_RESOLVED', text: '已部分处理。' }, handler));
      ok(await gql(M.reviewReply, { id: dispatched.id, accept: true }, as.DISPATCHER));
      return ok(await gql(M.followUp, { id: dispatched.id, input: { reached: true, resolved: false, satisfaction: 'DISSATISFIED' } }, as.OPERATOR, 'FOLLOW_UP')).recordFollowUp;
    };
    const first = await round();
    expect(first).toMatchObject({ status: 'DISPATCHED', reopenCount: 1, supervisionLevel: null, supervisions: [] });
    expect(first.leadUnit.id).toBe(dispatched.leadUnit.id);
    const second = await round();
    expect(second).toMatchObject({ status: 'DISPATCHED', reopenCount: 2, supervisionLevel: 'SUPERVISION', supervisions: [{ kind: 'SUPERVISION', trigger: 'DISSATISFIED_AFTER_REOPEN' }] });
  });

  it('follow-up: an unreached caller is a documented attempt; the last attempt closes the case as unreachable', async () => {
    const dispatched = await registeredAndDispatched(gql);
    const handler = handlerOfLead(dispatched);
    ok(await gql(M.sign, { id: dispatched.id }, handler));
    ok(await gql(M.reply, { id: dispatched.id, result: 'RESOLVED', text: '已处理完毕。' }, handler));
    ok(await gql(M.reviewReply, { id: dispatched.id, accept: true }, as.DISPATCHER));
    const undocumented = await gql(M.followUp, { id: dispatched.id, input: { reached: false } }, as.OPERATOR, 'FOLLOW_UP');
    expect(errorOf(undocumented).message).toMatch(/^input.note: document the attempt/);
    const first = ok(await gql(M.followUp, { id: dispatched.id, input: { reached: false, note: '09:10 拨打无人接听' } }, as.OPERATOR, 'FOLLOW_UP')).recordFollowUp;
    expect(first.status).toBe('FOLLOW_UP_PENDING');
    const last = ok(await gql(M.followUp, { id: dispatched.id, input: { reached: false, note: '15:30 再次拨打，已关机' } }, as.OPERATOR, 'FOLLOW_UP')).recordFollowUp;
    expect(last).toMatchObject({ status: 'CLOSED', closeReason: 'UNREACHABLE', followUps: [{ reached: false }, { reached: false }] });
  });

  it('extensions: asked by the lead unit, approved by a dispatcher, the deadline moves by exactly the working days; limits hold', async () => {
    hub.clock.set('2026-11-30T10:00:00+08:00');
    const dispatched = await registeredAndDispatched(gql);
    // Monday 30 Nov + 5 working days: end of Monday 7 Dec.
    expect(dispatched.dueAt).toBe(new Date('2026-12-08T00:00:00+08:00').toISOString());
    const handler = handlerOfLead(dispatched);
    ok(await gql(M.sign, { id: dispatched.id }, handler));
    const tooLong = await gql(M.requestExtension, { id: dispatched.id, days: 4, note: '需要更多时间' }, handler);
    expect(errorOf(tooLong)).toMatchObject({ code: 'BAD_USER_INPUT', message: 'workingDays: must be between 1 and 3 working days' });
    ok(await gql(M.requestExtension, { id: dispatched.id, days: 3, note: '需协调多部门' }, handler));
    const twice = await gql(M.requestExtension, { id: dispatched.id, days: 1, note: '再延' }, handler);
    expect(errorOf(twice)).toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringMatching(/already waiting for review/) });
    const approved = ok(await gql(M.reviewExtension, { id: dispatched.id, approve: true }, as.DISPATCHER)).reviewExtension;
    expect(approved.extensionCount).toBe(1);
    expect(approved.extensions[0]).toMatchObject({ workingDays: 3, decision: 'APPROVED' });
    // Three working days more are three: Tuesday 8, Wednesday 9, Thursday 10 December (not Friday 11).
    expect(approved.dueAt).toBe(new Date('2026-12-11T00:00:00+08:00').toISOString());
    hub.clock.set(new Date('2026-11-27T10:00:00+08:00'));
  });

  it('merge (并单): children point to the master, are MERGED, and close when it closes', async () => {
    const master = await registeredAndDispatched(gql);
    const a = ok(await gql(REGISTER, { input: intake({ caller: { name: '李四', phone: '13900001111' } }) }, as.OPERATOR, 'INTAKE')).registerCase;
    const b = ok(await gql(REGISTER, { input: intake({ caller: { name: '王五', phone: '13900002222' } }) }, as.OPERATOR, 'INTAKE')).registerCase;
    const merged = ok(await gql(M.merge, { master: master.id, ids: [a.id, b.id] }, as.DISPATCHER)).mergeCases;
    expect(merged.merged.map((c: { id: string }) => c.id).sort()).toEqual([a.id, b.id].sort());
    expect(merged.merged.every((c: { status: string; master: { id: string } }) => c.status === 'MERGED' && c.master.id === master.id)).toBe(true);
    const again = await gql(M.merge, { master: master.id, ids: [a.id] }, as.DISPATCHER);
    expect(errorOf(again)).toMatchObject({ code: 'INVALID_TRANSITION', extensions: { from: 'MERGED', to: 'MERGED' } });

    const handler = handlerOfLead(master);
    ok(await gql(M.sign, { id: master.id }, handler));
    ok(await gql(M.reply, { id: master.id, result: 'RESOLVED', text: '工地已停止夜间施工。' }, handler));
    ok(await gql(M.reviewReply, { id: master.id, accept: true }, as.DISPATCHER));
    ok(await gql(M.followUp, { id: master.id, input: { reached: true, resolved: true, satisfaction: 'BASICALLY_SATISFIED' } }, as.OPERATOR, 'FOLLOW_UP'));
    // Each merged caller gets the master's result and a follow-up of their own.
    const child = ok(await gql(M.get, { id: a.id }, as.DISPATCHER)).case;
    expect(child).toMatchObject({ status: 'FOLLOW_UP_PENDING', closedAt: null, reply: { result: 'RESOLVED' } });
    const closed = ok(await gql(M.followUp, { id: a.id, input: { reached: true, resolved: true, satisfaction: 'SATISFIED' } }, as.OPERATOR, 'FOLLOW_UP')).recordFollowUp;
    expect(closed).toMatchObject({ status: 'CLOSED', closeReason: 'FOLLOW_UP', satisfaction: 'SATISFIED' });
  });

  it('supervision: a dispatcher escalates (提级办理): the time left is halved (never below a day), once', async () => {
    const dispatched = await registeredAndDispatched(gql);
    const now = hub.clock.now().getTime();
    const escalated = ok(await gql(M.supervise, { id: dispatched.id, kind: 'ESCALATION', note: '群众反映强烈，提级办理' }, as.DISPATCHER)).superviseCase;
    const halved = now + Math.ceil((new Date(dispatched.dueAt).getTime() - now) / 2 / 60_000) * 60_000;
    expect(escalated).toMatchObject({ supervisionLevel: 'ESCALATION', urgency: 'NORMAL', dueAt: new Date(halved).toISOString(), supervisions: [{ kind: 'ESCALATION', trigger: 'MANUAL' }] });
    // Escalated again: the level is already the highest and the deadline stays where it is.
    const again = ok(await gql(M.supervise, { id: dispatched.id, kind: 'ESCALATION', note: '再次提级' }, as.DISPATCHER)).superviseCase;
    expect(again.dueAt).toBe(escalated.dueAt);
    // A lower oversight never lowers the level.
    expect(ok(await gql(M.supervise, { id: dispatched.id, kind: 'REMINDER', note: '催办' }, as.DISPATCHER)).superviseCase.supervisionLevel).toBe('ESCALATION');
  });

  it('escalation by trigger: overdue and ≥ 3 send-backs, raised once by the sweep, whichever process runs it', async () => {
    const overdue = await registeredAndDispatched(gql);
    const sentBack = await registeredAndDispatched(gql);
    const handler = handlerOfLead(sentBack);
    ok(await gql(M.sign, { id: sentBack.id }, handler));
    for (let i = 0; i < 3; i++) {
      ok(await gql(M.reply, { id: sentBack.id, result: 'EXPLAINED', text: `第${i + 1}次答复说明。` }, handler));
      ok(await gql(M.reviewReply, { id: sentBack.id, accept: false, note: '答复不充分' }, as.DISPATCHER));
    }
    hub.clock.set(new Date(new Date(overdue.dueAt).getTime() + 3_600_000));
    const [a, b] = await Promise.all([hub.sweepSupervision(), hub.sweepSupervision()]);
    expect(a.raised + b.raised).toBeGreaterThanOrEqual(2);
    expect([a.skipped, b.skipped].filter(Boolean).length).toBeLessThanOrEqual(1);
    const again = await hub.sweepSupervision();
    expect(again.raised).toBe(0);
    const overdueNow = ok(await gql(M.get, { id: overdue.id }, as.DISPATCHER)).case;
    expect(overdueNow).toMatchObject({ overdue: true, supervisionLevel: 'SUPERVISION' });
    expect(overdueNow.supervisions.filter((s: { trigger: string }) => s.trigger === 'OVERDUE')).toHaveLength(1);
    const escalated = ok(await gql(M.get, { id: sentBack.id }, as.DISPATCHER)).case;
    expect(escalated.supervisions).toContainEqual({ kind: 'ESCALATION', trigger: 'SENT_BACK_REPEATEDLY' });
    hub.clock.set(new Date('2026-11-27T10:00:00+08:00'));
  });
});
