import { unitId } from '../../src/hotline/demo/ids';
import { toGlobalId } from '../../src/platform/graphql/ids';
import { startTestHub, type TestHub } from '../support/hub';
import { CASE_FIELDS, client, errorOf, handlerOfLead, intake, M, ok, REGISTER, registeredAndDispatched, type Gql } from '../support/lifecycle';
import { as } from '../support/principals';

/**
 * The lifecycle as a 12345 centre runs it (issue 22): nothing stuck, exact time limits for every
 * urgency, bounded escalation, oversight that fires once and never lowers, every ending closed.
 * Each test drives the real gateway with the principals who would act, on a clock moved through time.
 */
describe('the lifecycle as a centre runs it', () => {
  let hub: TestHub;
  let gql: Gql;
  beforeAll(async () => {
    hub = await startTestHub();
    gql = client(hub);
  });
  afterAll(() => hub.stop());

  const MONDAY = '2026-11-30T09:00:00+08:00';
  const unit = (key: string) => toGlobalId('Unit', unitId(key));
  const hours = (h: number) => h * 3_600_000;
  const at = (iso: string | null) => (iso ? new Date(iso).getTime() : NaN);
  const register = async (overrides: Record<string, unknown> = {}) => ok(await gql(REGISTER, { input: intake(overrides) }, as.OPERATOR, 'INTAKE')).registerCase;
  const get = async (id: string) => ok(await gql(M.get, { id }, as.DISPATCHER)).case;
  const triggers = async (id: string) => (await get(id)).supervisions.map((s: { kind: string; trigger: string }) => `${s.trigger}:${s.kind}`);
  const SETTING = `mutation($key: String!, $value: String!) { updateHotlineSetting(key: $key, value: $value) { key value isDefault } }`;
  const setSetting = async (key: string, value: unknown) => ok(await gql(SETTING, { key, value: JSON.stringify(value) }, as.ADMIN)).updateHotlineSetting;
  const M2 = {
    reclassify: `mutation($id: ID!, $category: String, $urgency: Urgency, $note: String!) { reclassifyCase(caseId: $id, categoryCode: $category, urgency: $urgency, note: $note) { ...CaseFields category { code } } } ${CASE_FIELDS}`,
    recall: `mutation($id: ID!, $note: String!) { recallCase(caseId: $id, note: $note) { ...CaseFields } } ${CASE_FIELDS}`,
    reassign: `mutation($id: ID!, $lead: ID!, $note: String!) { reassignCase(caseId: $id, leadUnitId: $lead, note: $note) { ...CaseFields } } ${CASE_FIELDS}`,
    addCoUnits: `mutation($id: ID!, $units: [ID!]!, $note: String!) { addCoUnits(caseId: $id, unitIds: $units, note: $note) { ...CaseFields } } ${CASE_FIELDS}`,
    opinion: `mutation($id: ID!, $text: String!) { submitCoUnitOpinion(caseId: $id, text: $text) { status coUnitWork { unit { id } signedAt opinion } } }`,
    redispose: `mutation($id: ID!, $d: Disposition!, $route: LegalRoute, $reason: String, $note: String!) { redisposeCase(caseId: $id, disposition: $d, legalRoute: $route, explainReason: $reason, note: $note) { ...CaseFields } } ${CASE_FIELDS}`,
  };

  describe('nothing stuck', () => {
    it('a matter 110 rejects, registered without a category, is reclassified and dispatched; its wait for dispatch raises a reminder', async () => {
      hub.clock.set(MONDAY);
      const c = await register({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'POLICE_110', categoryCode: null, title: '路边有人争吵', description: '来电人称路边两人争吵，担心打架，请民警到场。' });
      await hub.drainOutboxes();
      const [transfer] = ok(await gql(`query($id: ID!) { case(id: $id) { transfers { id } } }`, { id: c.id }, as.DISPATCHER)).case.transfers;
      ok(await gql(`mutation($id: ID!) { acknowledgeTransfer(id: $id, accepted: false, reason: "经三方通话核实，系邻里纠纷，非警务类事项") { status } }`, { id: transfer.id }, as.PARTNER_SYSTEM, 'TRANSFER'));
      await hub.drainOutboxes();
      const back = await get(c.id);
      expect(back).toMatchObject({ status: 'PENDING_DISPATCH', closedAt: null, closeReason: null });
      expect(errorOf(await gql(M.dispatch, { id: c.id }, as.DISPATCHER)).message).toMatch(/the case has no category/);

      // Left waiting beyond the dispatch stage's limit (4 hours): a reminder, once.
      hub.clock.set(new Date(at(MONDAY) + hours(5)));
      await hub.sweepSupervision();
      await hub.sweepSupervision();
      expect(await triggers(c.id)).toEqual(['STAGE_OVERDUE:REMINDER']);

      const reclassified = ok(await gql(M2.reclassify, { id: c.id, category: '0104', note: '属建筑施工扰民' }, as.DISPATCHER)).reclassifyCase;
      expect(reclassified.category.code).toBe('0104');
      const dispatched = ok(await gql(M.dispatch, { id: c.id }, as.DISPATCHER)).dispatchCase;
      expect(dispatched.status).toBe('DISPATCHED');
      // A handler may not reclassify.
      expect(errorOf(await gql(M2.reclassify, { id: c.id, category: '0101', note: '改分类' }, handlerOfLead(dispatched))).code).toBe('FORBIDDEN');
    });

    it('the dispatcher recalls, reassigns and adds co-units on their own; a co-unit signs and gives its opinion for itself', async () => {
      hub.clock.set(MONDAY);
      const d = await registeredAndDispatched(gql);
      const recalled = ok(await gql(M2.recall, { id: d.id, note: '派单有误，撤回重派' }, as.DISPATCHER)).recallCase;
      expect(recalled).toMatchObject({ status: 'PENDING_DISPATCH', leadUnit: null, dueAt: null, returnDeadline: null });
      const again = ok(await gql(M.dispatch, { id: d.id, lead: unit('ll-eco') }, as.DISPATCHER)).dispatchCase;
      expect(again.leadUnit.name).toBe('吕梁市生态环境局');
      const reassigned = ok(await gql(M2.reassign, { id: d.id, lead: unit('ll-urban'), note: '改派城市管理局' }, as.DISPATCHER)).reassignCase;
      expect(reassigned).toMatchObject({ status: 'DISPATCHED', leadUnit: { name: '吕梁市城市管理局' } });
      expect(at(reassigned.dueAt)).toBeGreaterThan(at(again.dueAt) - 1);
      const withCo = ok(await gql(M2.addCoUnits, { id: d.id, units: [unit('lishi-binhe-street')], note: '属地街道协办' }, as.DISPATCHER)).addCoUnits;
      expect(withCo.coUnits.map((u: { name: string }) => u.name)).toContain('离石区滨河街道办事处');
      const twice = await gql(M2.addCoUnits, { id: d.id, units: [unit('lishi-binhe-street')], note: '再加' }, as.DISPATCHER);
      expect(errorOf(twice)).toMatchObject({ code: 'BAD_USER_INPUT', message: 'unitIds[0]: 离石区滨河街道办事处 already works on the case' });

      const street = as.handlerOf('lishi-binhe-street');
      const opinion = ok(await gql(M2.opinion, { id: d.id, text: '经街道核实，施工单位位于辖区内，已配合约谈。' }, street)).submitCoUnitOpinion;
      expect(opinion.status).toBe('DISPATCHED');
      expect(opinion.coUnitWork).toEqual([{ unit: { id: unit('lishi-binhe-street') }, signedAt: expect.any(String), opinion: '经街道核实，施工单位位于辖区内，已配合约谈。' }]);
      // The lead unit was not signed for: it signs itself, and that is the response.
      expect(ok(await gql(M.sign, { id: d.id }, as.handlerOf('ll-urban'))).signCase.status).toBe('SIGNED');
    });

    it('a case passed through three units (推诿), lead or not, is escalated once', async () => {
      hub.clock.set(MONDAY);
      const d = await registeredAndDispatched(gql);
      for (const next of ['ll-eco', 'll-urban', 'll-market']) {
        const c = await get(d.id);
        ok(await gql(M.requestReturn, { id: d.id, reason: 'WRONG_REMIT', note: '不属本单位职责' }, handlerOfLead(c)));
        ok(await gql(M.reviewReturn, { id: d.id, uphold: true, lead: unit(next), note: '改派' }, as.DISPATCHER));
      }
      expect((await get(d.id)).leadUnit.name).toBe('吕梁市市场监督管理局');
      await hub.sweepSupervision();
      await hub.sweepSupervision();
      expect((await triggers(d.id)).filter((t: string) => t.startsWith('PASSED_AROUND'))).toEqual(['PASSED_AROUND:ESCALATION']);
    });

    it('a unit that lets its signing window pass is reminded; a reply left unreviewed and a follow-up left undone are reminders to the hotline', async () => {
      hub.clock.set(MONDAY);
      const unsigned = await registeredAndDispatched(gql);
      const replied = await registeredAndDispatched(gql);
      const handler = handlerOfLead(replied);
      ok(await gql(M.sign, { id: replied.id }, handler));
      ok(await gql(M.reply, { id: replied.id, result: 'RESOLVED', text: '已处理完毕，施工已停止。' }, handler));
      const toFollow = await registeredAndDispatched(gql);
      ok(await gql(M.sign, { id: toFollow.id }, handlerOfLead(toFollow)));
      ok(await gql(M.reply, { id: toFollow.id, result: 'RESOLVED', text: '已处理完毕，施工已停止。' }, handlerOfLead(toFollow)));
      const accepted = ok(await gql(M.reviewReply, { id: toFollow.id, accept: true }, as.DISPATCHER)).reviewReply;
      // Monday + 1 working day: the end of Tuesday.
      expect(accepted.followUpDueAt).toBe(new Date('2026-12-02T00:00:00+08:00').toISOString());
      hub.clock.set('2026-12-02T09:00:00+08:00');
      await hub.sweepSupervision();
      await hub.sweepSupervision();
      expect(await triggers(unsigned.id)).toEqual(['UNSIGNED:REMINDER']);
      expect(await triggers(replied.id)).toEqual(['STAGE_OVERDUE:REMINDER']);
      expect(await triggers(toFollow.id)).toEqual(['STAGE_OVERDUE:REMINDER']);
    });
  });

  describe('time limits for every urgency', () => {
    it('URGENT gets the urgent profile (24 hours, signed within 2); VERY_URGENT 2 hours with a 30-minute window; the objection window is never longer than the limit', async () => {
      hub.clock.set(MONDAY);
      const now = hub.clock.now().getTime();
      const urgent = await registeredAndDispatched(gql, { urgency: 'URGENT' });
      expect(urgent).toMatchObject({ dueAt: new Date(now + hours(24)).toISOString(), returnDeadline: new Date(now + hours(2)).toISOString() });
      const veryUrgent = await registeredAndDispatched(gql, { urgency: 'VERY_URGENT' });
      expect(veryUrgent).toMatchObject({ dueAt: new Date(now + hours(2)).toISOString(), returnDeadline: new Date(now + hours(0.5)).toISOString() });
      // An urgent consultation is not given the consultation's three working days either.
      const consultation = await registeredAndDispatched(gql, { type: 'CONSULTATION', urgency: 'URGENT', categoryCode: '0103' });
      expect(at(consultation.dueAt)).toBe(now + hours(24));
    });

    it('a gas leak (0803) is very urgent by the catalog: 2 hours, whatever the urgency chosen at intake', async () => {
      hub.clock.set(MONDAY);
      const gas = await registeredAndDispatched(gql, { type: 'HELP_REQUEST', categoryCode: '0803', title: '楼道燃气味重', description: '来电人称单元楼道燃气味很重，担心泄漏。' });
      expect(at(gas.dueAt)).toBe(hub.clock.now().getTime() + hours(2));
      expect(at(gas.returnDeadline)).toBeLessThanOrEqual(at(gas.dueAt));
    });

    it('an extension is requested, and approved, before the deadline — afterwards the case is overdue and stays so', async () => {
      hub.clock.set(MONDAY);
      const d = await registeredAndDispatched(gql);
      const handler = handlerOfLead(d);
      ok(await gql(M.sign, { id: d.id }, handler));
      ok(await gql(M.requestExtension, { id: d.id, days: 2, note: '需协调多部门' }, handler));
      hub.clock.set(new Date(at(d.dueAt) + hours(1)));
      const late = await gql(M.reviewExtension, { id: d.id, approve: true }, as.DISPATCHER);
      expect(errorOf(late)).toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringMatching(/an extension is approved before the deadline: it was .*; the case is overdue and stays so$/) });
      ok(await gql(M.reviewExtension, { id: d.id, approve: false }, as.DISPATCHER));
      const tooLate = await gql(M.requestExtension, { id: d.id, days: 1, note: '再申请延期' }, handler);
      expect(errorOf(tooLate)).toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringMatching(/an extension is requested before the deadline/) });
      expect(await get(d.id)).toMatchObject({ overdue: true, extensionCount: 0 });
    });

    it('escalation is bounded: twice escalated, then reassigned, a 180-day case never gets hours', async () => {
      hub.clock.set(MONDAY);
      const now = hub.clock.now().getTime();
      const d = await registeredAndDispatched(gql, { categoryCode: '0903', title: '小区楼顶违建', description: '来电人反映小区12号楼楼顶有人搭建违章建筑。' });
      expect(at(d.dueAt)).toBe(now + hours(180 * 24));
      ok(await gql(M.supervise, { id: d.id, kind: 'ESCALATION', note: '提级办理' }, as.DISPATCHER));
      const twice = ok(await gql(M.supervise, { id: d.id, kind: 'ESCALATION', note: '再次提级' }, as.DISPATCHER)).superviseCase;
      ok(await gql(M.requestReturn, { id: d.id, reason: 'WRONG_REMIT', note: '不属本单位职责' }, handlerOfLead(d)));
      const reassigned = ok(await gql(M.reviewReturn, { id: d.id, uphold: true, lead: unit('lishi-gov'), note: '改派区政府' }, as.DISPATCHER)).reviewReturn;
      expect(at(reassigned.dueAt) - now).toBeGreaterThanOrEqual(hours(24));
      // Escalated twice, the time left was halved once: 90 of 180 days.
      expect(at(twice.dueAt)).toBe(now + hours(90 * 24));
    });

    it('a later trigger never lowers the level, and the ≥ 3 send-backs trigger fires once, not again in the next cycle', async () => {
      hub.clock.set(MONDAY);
      const d = await registeredAndDispatched(gql);
      const handler = handlerOfLead(d);
      ok(await gql(M.sign, { id: d.id }, handler));
      for (let i = 0; i < 3; i++) {
        ok(await gql(M.reply, { id: d.id, result: 'EXPLAINED', text: `第${i + 1}次答复说明。` }, handler));
        ok(await gql(M.reviewReply, { id: d.id, accept: false, note: '答复不充分' }, as.DISPATCHER));
      }
      await hub.sweepSupervision();
      expect((await get(d.id)).supervisionLevel).toBe('ESCALATION');
      const round = async () => {
        const c = await get(d.id);
        if (c.status === 'DISPATCHED') ok(await gql(M.sign, { id: d.id }, handler));
        ok(await gql(M.reply, { id: d.id, result: 'PARTIALLY_RESOLVED', text: '已部分处理。' }, handler));
        ok(await gql(M.reviewReply, { id: d.id, accept: true }, as.DISPATCHER));
        return ok(await gql(M.followUp, { id: d.id, input: { reached: true, resolved: false, satisfaction: 'DISSATISFIED' } }, as.OPERATOR, 'FOLLOW_UP')).recordFollowUp;
      };
      await round();
      const second = await round();
      // Dissatisfied after a reopening raises supervision — below the escalation it already has.
      expect(second).toMatchObject({ reopenCount: 2, supervisionLevel: 'ESCALATION' });
      await hub.sweepSupervision();
      expect((await triggers(d.id)).filter((t: string) => t.startsWith('SENT_BACK_REPEATEDLY'))).toHaveLength(1);
      expect(await triggers(d.id)).toContain('DISSATISFIED_AFTER_REOPEN:SUPERVISION');
    });

    it('every number is a setting an administrator changes, validated, in force at once', async () => {
      hub.clock.set(MONDAY);
      expect(errorOf(await gql(SETTING, { key: 'longCycleMaxDays', value: '0' }, as.ADMIN))).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/^value: longCycleMaxDays: /) });
      expect(errorOf(await gql(SETTING, { key: 'intakeToDispatchWorkingDays', value: '0.5' }, as.ADMIN)).message).toMatch(/^key: is not a setting/);
      expect(errorOf(await gql(SETTING, { key: 'longCycleMaxDays', value: '30' }, as.DISPATCHER)).code).toBe('FORBIDDEN');
      expect(await setSetting('longCycleMaxDays', 30)).toMatchObject({ key: 'longCycleMaxDays', value: '30', isDefault: false });
      await setSetting('escalation', { remainingShare: 0.5, minimumHours: 24, leadUnit: 'DISTRICT_GOVERNMENT' });
      try {
        const d = await registeredAndDispatched(gql, { categoryCode: '0903', title: '楼顶违建', description: '来电人反映小区楼顶有违章建筑。' });
        expect(at(d.dueAt)).toBe(hub.clock.now().getTime() + hours(30 * 24));
        const escalated = ok(await gql(M.supervise, { id: d.id, kind: 'ESCALATION', note: '提级办理' }, as.DISPATCHER)).superviseCase;
        expect(escalated.leadUnit.name).toBe('离石区人民政府');
        expect(escalated.coUnits.map((u: { name: string }) => u.name)).toContain('吕梁市城市管理局');
      } finally {
        await setSetting('longCycleMaxDays', 180);
        await setSetting('escalation', { remainingShare: 0.5, minimumHours: 24, leadUnit: 'KEEP' });
      }
    });
  });

  describe('every ending closes', () => {
    it('cases ended at intake or redisposed get closedAt and a close reason, and fall under retention', async () => {
      hub.clock.set(MONDAY);
      const explained = await register({ disposition: 'EXPLAIN', explainReason: '诉求涉及他人隐私信息，依法不予受理。', categoryCode: null });
      expect(explained).toMatchObject({ status: 'EXPLAINED', closedAt: hub.clock.now().toISOString(), closeReason: 'EXPLAINED' });
      const legal = await register({ disposition: 'INFORM_LEGAL_ROUTE', legalRoute: 'LITIGATION' });
      expect(legal).toMatchObject({ status: 'INFORMED_LEGAL_ROUTE', closeReason: 'LEGAL_ROUTE', closedAt: expect.any(String) });
      const waiting = await register();
      const redisposed = ok(await gql(M2.redispose, { id: waiting.id, d: 'INFORM_LEGAL_ROUTE', route: 'ARBITRATION', note: '属劳动争议仲裁事项' }, as.DISPATCHER)).redisposeCase;
      expect(redisposed).toMatchObject({ status: 'INFORMED_LEGAL_ROUTE', closeReason: 'LEGAL_ROUTE', closedAt: expect.any(String) });
      expect(errorOf(await gql(M2.redispose, { id: waiting.id, d: 'EXPLAIN', reason: '再次处理说明理由', note: '再改' }, as.DISPATCHER)).code).toBe('INVALID_TRANSITION');

      hub.clock.advanceDays(366);
      while ((await hub.runRetention()).anonymised > 0);
      const erased = ok(await gql(`query($id: ID!) { case(id: $id) { caller { name phone } } }`, { id: explained.id }, as.DISPATCHER, 'SUPERVISION')).case;
      expect(erased.caller).toEqual({ name: null, phone: null });
    });

    it('"answered directly" is for consultations and help requests, never a complaint or a report', async () => {
      hub.clock.set(MONDAY);
      const { searchKnowledge } = ok(await gql(`{ searchKnowledge(text: "公积金", first: 1) { id } }`, {}, as.OPERATOR));
      const answer = { knowledgeItemId: searchKnowledge[0].id, text: '已按知识库答复来电人。' };
      const refused = await gql(REGISTER, { input: intake({ type: 'COMPLAINT', answer }) }, as.OPERATOR, 'INTAKE');
      expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', message: 'input.answer: answering at once is for CONSULTATION, HELP_REQUEST; a COMPLAINT goes to a unit (dispatch it)' });
      expect(errorOf(await gql(REGISTER, { input: intake({ type: 'REPORT', answer }) }, as.OPERATOR, 'INTAKE')).code).toBe('BAD_USER_INPUT');
      const answered = await register({ type: 'CONSULTATION', categoryCode: '0106', answer });
      expect(answered).toMatchObject({ status: 'ANSWERED_DIRECTLY', closeReason: 'ANSWERED_DIRECTLY', closedAt: expect.any(String) });
    });
  });
});
