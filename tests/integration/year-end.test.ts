import fs from 'node:fs';
import path from 'node:path';
import { startTestHub, type TestHub } from '../support/hub';
import { client, errorOf, handlerOfLead, intake, M, ok, REGISTER, type Gql } from '../support/lifecycle';
import { as } from '../support/principals';

/**
 * A hotline never stops for its calendar (chinese-days knows 2026, not 2027). On 31 December every
 * kind of case is dispatched and handled with deadlines counted provisionally into 2027 (weekends
 * only), marked as such; the administrators are warned from October; loading 2027 from the State
 * Council's notice recomputes every provisional deadline.
 */
describe('the year end', () => {
  let hub: TestHub;
  let gql: Gql;
  beforeAll(async () => {
    hub = await startTestHub();
    gql = client(hub);
  });
  afterAll(() => hub.stop());

  const NOTICE_2027 = fs.readFileSync(path.join(__dirname, '../fixtures/holiday-notice-2027.txt'), 'utf8');
  const COVERAGE = `{ calendarCoverage { years missing warning provisionalCases } }`;
  const LOAD_NOTICE = `mutation($notice: String!, $dryRun: Boolean) { loadCalendarNotice(year: 2027, notice: $notice, source: "国办发明电〔2026〕演示", dryRun: $dryRun) {
    years missing warning provisionalCases loaded { year holidays workdays recomputedCases dryRun } } }`;
  const LOAD_DATES = `mutation($holidays: [CalendarDayInput!]!, $workdays: [CalendarDayInput!]!) { loadCalendarYear(year: 2027, holidays: $holidays, workdays: $workdays, source: "国办发明电〔2026〕演示") { missing } }`;

  it('warns administrators about next year from October on, not before', async () => {
    hub.clock.set('2026-09-30T12:00:00+08:00');
    expect(ok(await gql(COVERAGE, {}, as.ADMIN)).calendarCoverage).toMatchObject({ missing: [], warning: null });
    hub.clock.set('2026-10-01T09:00:00+08:00');
    const october = ok(await gql(COVERAGE, {}, as.ADMIN)).calendarCoverage;
    expect(october).toMatchObject({ missing: [2027], warning: expect.stringMatching(/2027 is not loaded: deadlines in it are provisional/) });
    const ready = (await (await fetch(`${hub.url}/readyz`)).json()) as { status: string; warnings?: string[] };
    expect(ready.status).toBe('ready');
    expect(ready.warnings).toEqual([expect.stringMatching(/^hotline: the official holiday schedule of 2027 is not loaded/)]);
    expect(await hub.metric('hub_calendar_year_missing', { year: '2027' })).toBe(1);
  });

  const kinds: [string, Record<string, unknown>, boolean][] = [
    ['general complaint (5 working days)', { categoryCode: '0104' }, true],
    ['complex report (13 working days)', { type: 'REPORT', categoryCode: '0105', title: '征收补偿款未到位', caller: { name: '赵六', phone: '13700000001' } }, true],
    ['consultation (3 working days)', { type: 'CONSULTATION', categoryCode: '0103', title: '保障房申请条件' }, true],
    ['long-cycle illegal building (180 days)', { categoryCode: '0903', title: '小区楼顶违建' }, false],
    ['urgent power fault (hours)', { type: 'HELP_REQUEST', urgency: 'URGENT', categoryCode: '0802', title: '整栋楼停电' }, false],
    ['very urgent gas leak (2 hours)', { type: 'HELP_REQUEST', urgency: 'VERY_URGENT', categoryCode: '0803', title: '楼道有燃气味', description: '来电人称单元楼道燃气味很重，担心泄漏，请求立即处置。' }, false],
  ];
  const dispatched: Record<string, any> = {};

  it.each(kinds)('31 December: a %s is dispatched, deadlines into 2027 marked provisional', async (kind, overrides, workingDays) => {
    hub.clock.set('2026-12-31T10:05:00+08:00');
    const c = ok(await gql(REGISTER, { input: intake(overrides) }, as.OPERATOR, 'INTAKE')).registerCase;
    const res = await gql(M.dispatch, { id: c.id }, as.DISPATCHER);
    const d = ok(res).dispatchCase;
    expect(d.status).toBe('DISPATCHED');
    expect(new Date(d.dueAt).getTime()).toBeGreaterThan(hub.clock.now().getTime());
    if (workingDays) expect(d.provisionalDeadlines).toContain('dueAt');
    else expect(d.provisionalDeadlines).not.toContain('dueAt');
    dispatched[kind] = d;
  });

  it('31 December: the unit signs, asks for more time, replies; the hotline sends back and accepts — nothing stops', async () => {
    const c = dispatched['general complaint (5 working days)'];
    // Thursday 31 Dec + 5 working days, 2027 provisional (Friday 1 Jan counted): end of Thursday 7 Jan.
    expect(c.dueAt).toBe(new Date('2027-01-08T00:00:00+08:00').toISOString());
    expect(c.provisionalDeadlines).toEqual(['dueAt', 'returnDeadline', 'responseDueAt']);
    const handler = handlerOfLead(c);
    ok(await gql(M.sign, { id: c.id }, handler));
    ok(await gql(M.requestExtension, { id: c.id, days: 2, note: '元旦期间需协调施工单位' }, handler));
    const extended = ok(await gql(M.reviewExtension, { id: c.id, approve: true }, as.DISPATCHER)).reviewExtension;
    // Two working days more are two: Friday 8 and Monday 11 January (provisionally).
    expect(extended.dueAt).toBe(new Date('2027-01-12T00:00:00+08:00').toISOString());
    ok(await gql(M.reply, { id: c.id, result: 'RESOLVED', text: '已责令施工单位停止夜间施工。' }, handler));
    ok(await gql(M.reviewReply, { id: c.id, accept: false, note: '未说明是否到现场核实' }, as.DISPATCHER));
    ok(await gql(M.reply, { id: c.id, result: 'RESOLVED', text: '已到现场核实，施工单位已停止夜间施工。' }, handler));
    const accepted = ok(await gql(M.reviewReply, { id: c.id, accept: true }, as.DISPATCHER)).reviewReply;
    expect(accepted).toMatchObject({ status: 'FOLLOW_UP_PENDING', followUpDueAt: new Date('2027-01-02T00:00:00+08:00').toISOString() });
    expect(accepted.provisionalDeadlines).toContain('followUpDueAt');
    dispatched.followUp = accepted;
  });

  it('loading 2027 is for administrators, validated as a whole', async () => {
    expect(errorOf(await gql(LOAD_NOTICE, { notice: NOTICE_2027 }, as.DISPATCHER)).code).toBe('FORBIDDEN');
    expect(errorOf(await gql(LOAD_DATES, { holidays: [{ date: '2026-01-01' }], workdays: [] }, as.ADMIN)).message).toBe('holidays[0].date: must be in 2027');
    expect(errorOf(await gql(LOAD_DATES, { holidays: [{ date: '2027-01-01' }], workdays: [{ date: '2027-02-19' }] }, as.ADMIN)).message).toMatch(/^workdays\[0\]\.date: 2027-02-19 is a weekday/);
    const wrong = await gql(LOAD_NOTICE, { notice: NOTICE_2027.replace('2月5日（农历除夕、周五）', '2月5日（农历除夕、周六）') }, as.ADMIN);
    expect(errorOf(wrong)).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/^notice: line "二、春节.*2027-02-05 is not a 周六/) });
    const dry = ok(await gql(LOAD_NOTICE, { notice: NOTICE_2027, dryRun: true }, as.ADMIN)).loadCalendarNotice;
    expect(dry).toMatchObject({ missing: [2027], loaded: { year: 2027, dryRun: true, recomputedCases: 0, workdays: ['2027-02-20', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09'] } });
    expect(dry.loaded.holidays).toHaveLength(29);
    expect(ok(await gql(COVERAGE, {}, as.ADMIN)).calendarCoverage.missing).toEqual([2027]);
  });

  it('loading 2027 from the notice recomputes every provisional deadline and clears the warning', async () => {
    const before = ok(await gql(COVERAGE, {}, as.ADMIN)).calendarCoverage;
    expect(before.provisionalCases).toBeGreaterThanOrEqual(4);
    const loaded = ok(await gql(LOAD_NOTICE, { notice: NOTICE_2027 }, as.ADMIN)).loadCalendarNotice;
    expect(loaded).toMatchObject({ missing: [], warning: null, provisionalCases: 0, loaded: { year: 2027, dryRun: false } });
    expect(loaded.loaded.recomputedCases).toBe(before.provisionalCases);

    const general = ok(await gql(M.get, { id: dispatched['general complaint (5 working days)'].id }, as.DISPATCHER)).case;
    // Sent back on 31 Dec with a fresh limit; with 1–3 January as holidays: 4, 5, 6, 7, 8 January → end of Friday 8 January.
    expect(general).toMatchObject({ dueAt: new Date('2027-01-09T00:00:00+08:00').toISOString(), followUpDueAt: new Date('2027-01-05T00:00:00+08:00').toISOString(), provisionalDeadlines: [] });
    const recomputed = general.events.edges.map((e: { node: { action: string; note: string } }) => e.node).filter((e: { action: string }) => e.action === 'recomputeDeadlines');
    expect(recomputed).toHaveLength(1);
    expect(recomputed[0].note).toMatch(/dueAt: 2027-01-07T16:00:00.000Z → 2027-01-08T16:00:00.000Z/);
    const complex = ok(await gql(M.get, { id: dispatched['complex report (13 working days)'].id }, as.DISPATCHER)).case;
    expect(complex.provisionalDeadlines).toEqual([]);

    const ready = (await (await fetch(`${hub.url}/readyz`)).json()) as { warnings?: string[] };
    expect(ready.warnings).toBeUndefined();
    expect(await hub.metric('hub_calendar_year_missing', { year: '2027' })).toBe(0);
    // New cases count the loaded holidays at once.
    const c = ok(await gql(REGISTER, { input: intake() }, as.OPERATOR, 'INTAKE')).registerCase;
    const d = ok(await gql(M.dispatch, { id: c.id }, as.DISPATCHER)).dispatchCase;
    expect(d).toMatchObject({ dueAt: new Date('2027-01-09T00:00:00+08:00').toISOString(), provisionalDeadlines: [] });
  });
});
