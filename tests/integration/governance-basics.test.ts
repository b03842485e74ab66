import { startTestHub, type TestHub } from '../support/hub';
import { client, errorOf, intake, ok, REGISTER, type Gql } from '../support/lifecycle';
import { as } from '../support/principals';

/** Knowledge search, duplicate candidates and the 三率 statistics of the lifecycle issue. */
describe('knowledge, duplicates and statistics', () => {
  let hub: TestHub;
  let gql: Gql;
  beforeAll(async () => {
    hub = await startTestHub();
    gql = client(hub);
  });
  afterAll(() => hub.stop());

  it('searchKnowledge ranks by shared words after segmentation, not by substring', async () => {
    const res = ok(await gql(`{ searchKnowledge(text: "社保卡丢了怎么补办", first: 3) { title score stale ownerUnit { name } } }`, {}, as.OPERATOR)).searchKnowledge;
    expect(res[0].title).toBe('社会保障卡挂失与补办流程');
    expect(res[0].score).toBeGreaterThan(0);
    expect(res.every((r: { score: number }, i: number) => i === 0 || r.score <= res[i - 1].score)).toBe(true);
    expect(ok(await gql(`{ searchKnowledge(text: "xyzzy plugh") { title } }`, {}, as.OPERATOR)).searchKnowledge).toEqual([]);
    expect(errorOf(await gql(`{ searchKnowledge(text: "社保") { title } }`, {}, as.ANALYST)).code).toBe('FORBIDDEN');
  });

  it('the owning unit keeps its knowledge current; other units may not touch it; a dispatcher may', async () => {
    const SAVE = `mutation($input: KnowledgeItemInput!) { saveKnowledgeItem(input: $input) { id title ownerUnit { name } stale } }`;
    const housing = as.handlerOf('ll-housing');
    const created = ok(await gql(SAVE, { input: { title: '夜间施工许可查询', body: '夜间施工须取得住建部门核发的夜间施工许可证，市民可拨打12345或登录住建局网站查询许可信息。', categoryCode: '0104' } }, housing)).saveKnowledgeItem;
    expect(created).toMatchObject({ title: '夜间施工许可查询', ownerUnit: { name: '吕梁市住房和城乡建设局' }, stale: false });
    expect(ok(await gql(`{ searchKnowledge(text: "夜间施工许可") { id } }`, {}, as.OPERATOR)).searchKnowledge[0].id).toBe(created.id);
    const edit = { id: created.id, title: '夜间施工许可证查询方式', body: '夜间施工须取得夜间施工许可证；可在住建局网站“办事服务”栏目查询，或拨打12345。' };
    expect(errorOf(await gql(SAVE, { input: edit }, as.handlerOf('ll-edu'))).code).toBe('FORBIDDEN');
    expect(ok(await gql(SAVE, { input: edit }, housing)).saveKnowledgeItem.title).toBe('夜间施工许可证查询方式');
    const units = ok(await gql(`{ units(region: "141100") { id name } }`, {}, as.DISPATCHER)).units as { id: string; name: string }[];
    const edu = units.find((u) => u.name === '吕梁市教育局')!;
    expect(errorOf(await gql(SAVE, { input: { ...edit, id: null, ownerUnitId: edu.id } }, housing)).code).toBe('FORBIDDEN');
    expect(ok(await gql(SAVE, { input: { ...edit, ownerUnitId: edu.id } }, as.DISPATCHER)).saveKnowledgeItem.ownerUnit.name).toBe('吕梁市教育局');
    expect(errorOf(await gql(SAVE, { input: { title: 'x', body: '太短' } }, housing)).message).toBe('input.title: must be at least 2 characters');
  });

  it('flags knowledge past its review date as stale', async () => {
    hub.clock.advanceDays(200);
    const res = ok(await gql(`{ searchKnowledge(text: "公积金提取") { title stale } }`, {}, as.OPERATOR)).searchKnowledge;
    expect(res.length).toBeGreaterThan(0);
    expect(res.every((r: { stale: boolean }) => r.stale)).toBe(true);
    hub.clock.set(new Date('2026-11-27T10:00:00+08:00'));
  });

  it('duplicateCandidates finds the same matter reported by another caller, scored above unrelated cases', async () => {
    const a = ok(await gql(REGISTER, { input: intake() }, as.OPERATOR, 'INTAKE')).registerCase;
    const b = ok(
      await gql(REGISTER, { input: intake({ caller: { name: '邻居', phone: '13900003333' }, title: '工地夜间施工太吵', description: '反映滨河街道龙凤南路工地夜间施工噪音扰民，影响休息。' }) }, as.OPERATOR, 'INTAKE'),
    ).registerCase;
    const res = ok(await gql(`query($id: ID!) { duplicateCandidates(caseId: $id) { score reasons case { id number } } }`, { id: a.id }, as.DISPATCHER)).duplicateCandidates;
    expect(res[0].case.id).toBe(b.id);
    expect(res[0].score).toBeGreaterThan(0.5);
    expect(res[0].reasons).toContain('same township');
  });

  it('caseStats computes the three rates with the configured weights; final replies leave the denominators', async () => {
    const filter = { from: '2026-09-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' };
    const res = ok(
      await gql(
        `query($filter: StatsFilter!) { caseStats(filter: $filter) { weights { response resolution satisfaction } totals { cases dispatched responseDue respondedOnTime followedUp resolved satisfied finalReplies responseRate resolutionRate satisfactionRate score } } }`,
        { filter },
        as.ANALYST,
      ),
    ).caseStats;
    const t = res.totals;
    expect(res.weights).toEqual({ response: 30, resolution: 35, satisfaction: 35 });
    expect(t.cases).toBeGreaterThan(50);
    expect(t.followedUp).toBeGreaterThan(0);
    expect(t.satisfactionRate).toBeCloseTo(t.satisfied / t.followedUp, 3);
    expect(t.resolutionRate).toBeCloseTo(t.resolved / t.followedUp, 3);
    // 响应率 counts the cases whose signing window has passed (or that are signed), not every dispatched one.
    expect(t.responseDue).toBeLessThanOrEqual(t.dispatched);
    expect(t.responseRate).toBeCloseTo(t.respondedOnTime / t.responseDue, 3);
    expect(t.score).toBeCloseTo((30 * t.responseRate + 35 * t.resolutionRate + 35 * t.satisfactionRate) , 0);
    // Independent count: closed cases with a satisfaction, not final replies, in 吕梁 (the analyst's city).
    const [row] = (await hub.orms.hotline.em.getConnection().execute(
      `select count(*)::int as n from hotline."case" where satisfaction is not null and coalesce(reply_result, '') <> 'FINAL_REPLY'
         and status <> 'MERGED' and region_path @> array['141100'] and created_at >= ? and created_at < ?`,
      [filter.from, filter.to],
    )) as { n: number }[];
    expect(t.followedUp).toBe(row!.n);
  });

  it('caseStats groups by evaluation tier (classified evaluation) and by unit; handlers get FORBIDDEN', async () => {
    const filter = { from: '2026-09-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00', groupBy: 'TIER' };
    const tiers = ok(await gql(`query($filter: StatsFilter!) { caseStats(filter: $filter) { totals { cases } groups { key cases } } }`, { filter }, as.DISPATCHER)).caseStats;
    expect(tiers.groups.map((g: { key: string }) => g.key).sort()).toEqual(expect.arrayContaining(['A', 'B', 'C']));
    expect(tiers.groups.reduce((s: number, g: { cases: number }) => s + g.cases, 0)).toBe(tiers.totals.cases);
    expect(errorOf(await gql(`query($filter: StatsFilter!) { caseStats(filter: $filter) { totals { cases } } }`, { filter }, as.HANDLER)).code).toBe('FORBIDDEN');
  });
});
