import { SURGE } from '../../src/hotline/demo/history';
import { startTestHub, type TestHub } from '../support/hub';
import { client, errorOf, ok, type Gql } from '../support/lifecycle';
import { as } from '../support/principals';

/** Issue 8: hotspots, seasonal outlook, risk warnings and assisted intake — on the hub's own data. */
describe('governance intelligence (66号 七、八)', () => {
  let hub: TestHub;
  let gql: Gql;
  const now = () => hub.clock.now();
  beforeAll(async () => {
    hub = await startTestHub();
    gql = client(hub);
  });
  afterAll(() => hub.stop());

  const HOTSPOTS = `query($region: String!, $from: DateTime!, $to: DateTime!, $cat: String) {
    hotspots(region: $region, from: $from, to: $to, categoryCode: $cat) { place placeName category { code } observed expected pValue caseCount cases { id caller { phone } } } }`;
  const owner = (sql: string, params: unknown[] = []) => hub.orms.hotline.em.getConnection().execute(sql, params);

  describe('hotspots', () => {
    it('finds the demo surge of water outages in 滨河街道 and ranks it first', async () => {
      const res = ok(await gql(HOTSPOTS, { region: '141100', from: new Date(now().getTime() - 2 * 86_400_000).toISOString(), to: now().toISOString() }, as.DISPATCHER)).hotspots;
      expect(res[0]).toMatchObject({ place: SURGE.township, placeName: '滨河街道', category: { code: SURGE.categoryCode } });
      // The injected surge, plus any recent demo case of the same kind there.
      expect(res[0].observed).toBeGreaterThanOrEqual(SURGE.cases);
      expect(res[0].caseCount).toBe(res[0].observed);
      expect(res[0].pValue).toBeLessThan(1e-10);
      expect(res[0].cases).toHaveLength(res[0].observed);
    });

    // Synthetic data in 2030, where nothing else exists: steady Poisson noise for 90 days in six cells,
    // then one week in which one cell surges.
    async function noise(from: Date, days: number, cells: string[][], ratePerDay: number, seed: number) {
      let s = seed;
      const random = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const rows: string[] = [];
      for (let d = 0; d < days; d++) {
        for (const [township, category] of cells) {
          // Poisson(rate) by inversion.
          let k = 0;
          for (let p = Math.exp(-ratePerDay), f = p, u = random(); u > f; k++) f += p *= ratePerDay / (k + 1);
          for (let i = 0; i < k; i++) rows.push(`('${township}', '${category}', '${new Date(from.getTime() + d * 86_400_000 + i * 60_000).toISOString()}')`);
        }
      }
      await owner(
        `insert into hotline."case" (id, number, channel, desk, type, urgency, disposition, status, category_code, title, description, region_code, region_path, township_code, intake_by, search_text, created_at, updated_at)
         select gen_random_uuid(), 'SYN-' || gen_random_uuid(), 'PHONE', 'GENERAL', 'COMPLAINT', 'NORMAL', 'HANDLE', 'REGISTERED', v.cat, '合成数据', '合成数据用于检验', '141181', array['140000','141100','141181'], v.town, 'synthetic', '', v.at::timestamptz, v.at::timestamptz
           from (values ${rows.join(',')}) as v(town, cat, at)`,
      );
      return rows.length;
    }
    const CELLS = [
      ['141181001', '0902'], ['141181001', '0901'], ['141181001', '0503'],
      ['141181100', '0902'], ['141181100', '0901'], ['141181100', '0503'],
    ];
    const window = { from: '2030-03-25T00:00:00+08:00', to: '2030-04-01T00:00:00+08:00' };

    it('finds nothing in noise only, and exactly the injected surge when there is one', async () => {
      expect(await noise(new Date('2030-01-01T08:00:00+08:00'), 90, CELLS, 0.8, 7)).toBeGreaterThan(300);
      const quiet = ok(await gql(HOTSPOTS, { region: '141181', ...window }, as.DISPATCHER)).hotspots;
      expect(quiet).toEqual([]);
      await noise(new Date('2030-03-26T09:00:00+08:00'), 4, [['141181100', '0503']], 5, 11);
      const surge = ok(await gql(HOTSPOTS, { region: '141181', ...window }, as.DISPATCHER)).hotspots;
      expect(surge.map((h: { place: string; category: { code: string } }) => `${h.place}/${h.category.code}`)).toEqual(['141181100/0503']);
    });

    it('turns a hotspot into a proactive task for the unit the catalog names (未诉先办)', async () => {
      const from = new Date(now().getTime() - 2 * 86_400_000).toISOString();
      const task = ok(
        await gql(`mutation($from: DateTime!, $to: DateTime!) { createProactiveTask(place: "${SURGE.township}", categoryCode: "${SURGE.categoryCode}", from: $from, to: $to, note: "排查管网") { channel status title leadUnit { name kind } events { edges { node { action } } } } }`, { from, to: now().toISOString() }, as.DISPATCHER),
      ).createProactiveTask;
      expect(task).toMatchObject({ channel: 'PROACTIVE', status: 'DISPATCHED', title: '【未诉先办】滨河街道停水与供水故障诉求集中', leadUnit: { kind: 'PUBLIC_UTILITY' } });
      expect(errorOf(await gql(`mutation { createProactiveTask(place: "${SURGE.township}", categoryCode: "0801", from: "2026-11-25T00:00:00+08:00", to: "2026-11-27T00:00:00+08:00") { id } }`, {}, as.ANALYST)).code).toBe('FORBIDDEN');
    });

    it('shows analysts the evidence as counts only: no cases, no personal fields', async () => {
      const res = ok(await gql(HOTSPOTS, { region: '141100', from: new Date(now().getTime() - 2 * 86_400_000).toISOString(), to: now().toISOString() }, as.ANALYST)).hotspots;
      expect(res[0].caseCount).toBeGreaterThanOrEqual(SURGE.cases);
      expect(res[0].cases).toEqual([]);
      expect(ok(await gql(HOTSPOTS, { region: '140100', from: '2026-11-20T00:00:00+08:00', to: '2026-11-27T00:00:00+08:00' }, as.ANALYST)).hotspots).toEqual([]);
    });
  });

  describe('seasonal outlook', () => {
    const OUTLOOK = `query($m: Int!) { seasonalOutlook(region: "141100", month: $m) { category { code } expected seasonalIndex byYear { year count } plans { title unit { name } } } }`;
    it('expects heating complaints in winter and not in summer, from past years', async () => {
      const january = ok(await gql(OUTLOOK, { m: 1 }, as.ANALYST)).seasonalOutlook;
      const heating = january.find((r: { category: { code: string } }) => r.category.code === '0804');
      expect(heating.seasonalIndex).toBeGreaterThan(2);
      expect(heating.byYear.length).toBeGreaterThanOrEqual(2);
      const july = ok(await gql(OUTLOOK, { m: 7 }, as.ANALYST)).seasonalOutlook;
      const summerHeating = july.find((r: { category: { code: string } }) => r.category.code === '0804');
      expect(summerHeating?.seasonalIndex ?? 0).toBeLessThan(0.5);
      const enrolment = ok(await gql(OUTLOOK, { m: 8 }, as.ANALYST)).seasonalOutlook.find((r: { category: { code: string } }) => r.category.code === '0601');
      expect(enrolment.seasonalIndex).toBeGreaterThan(1.5);
    });

    it('lists the preparation plans units attached for the month', async () => {
      const plan = ok(
        await gql(`mutation { savePreparednessPlan(input: { categoryCode: "0804", region: "141100", months: [11, 12, 1, 2, 3], title: "2026-2027 采暖季保供预案", body: "设立24小时抢修热线，储备抢修队伍6支，对老旧管网重点巡查。" }) { title unit { name } months } }`, {}, as.handlerOf('ll-heating')),
      ).savePreparednessPlan;
      expect(plan).toEqual({ title: '2026-2027 采暖季保供预案', unit: { name: '吕梁市热力有限公司' }, months: [1, 2, 3, 11, 12] });
      const heating = ok(await gql(OUTLOOK, { m: 12 }, as.DISPATCHER)).seasonalOutlook.find((r: { category: { code: string } }) => r.category.code === '0804');
      expect(heating.plans).toEqual([{ title: '2026-2027 采暖季保供预案', unit: { name: '吕梁市热力有限公司' } }]);
    });
  });

  describe('risk early warnings', () => {
    const WARNINGS = `{ riskWarnings { id rule level title caseCount cases { id } acknowledgedBy } }`;
    it('raise once per surge, not once per case; later cases join the same warning; managers acknowledge', async () => {
      const first = await hub.evaluateRisk();
      const surges = first.raised.filter((w) => (w as { rule: string }).rule === 'SUDDEN_SURGE');
      expect(surges).toHaveLength(1);
      const second = await hub.evaluateRisk();
      expect(second.raised).toEqual([]);
      const warnings = ok(await gql(WARNINGS, {}, as.DISPATCHER)).riskWarnings;
      const surge = warnings.find((w: { rule: string }) => w.rule === 'SUDDEN_SURGE');
      // The rule looks at the last 24 hours: the part of the surge inside them, at least the hotspot minimum.
      expect(surge.caseCount).toBeGreaterThanOrEqual(5);
      expect(surge.caseCount).toBeLessThanOrEqual(SURGE.cases + 2);
      expect(warnings.some((w: { rule: string }) => w.rule === 'SAME_ADDRESS')).toBe(true);

      // Two more calls about it: the same warning grows.
      await owner(
        `insert into hotline."case" (id, number, channel, desk, type, urgency, disposition, status, category_code, title, description, region_code, region_path, township_code, intake_by, search_text, created_at, updated_at)
         select gen_random_uuid(), 'LATE-' || g, 'PHONE', 'GENERAL', 'HELP_REQUEST', 'URGENT', 'HANDLE', 'PENDING_DISPATCH', '0801', '又停水了', '滨河街道停水仍未恢复', '141102', array['140000','141100','141102'], '141102001', 'op', '', ?::timestamptz, ?::timestamptz
           from generate_series(1, 2) g`,
        [new Date(now().getTime() - 60_000), new Date(now().getTime() - 60_000)],
      );
      const third = await hub.evaluateRisk();
      expect(third.raised).toEqual([]);
      expect(third.updated).toBeGreaterThanOrEqual(1);
      const grown = ok(await gql(WARNINGS, {}, as.DISPATCHER)).riskWarnings.find((w: { id: string }) => w.id === surge.id);
      expect(grown.caseCount).toBe(surge.caseCount + 2);

      expect(errorOf(await gql(`mutation($id: ID!) { acknowledgeRiskWarning(id: $id) { id } }`, { id: surge.id }, as.ANALYST)).code).toBe('FORBIDDEN');
      const acknowledged = ok(await gql(`mutation($id: ID!) { acknowledgeRiskWarning(id: $id, note: "已通知供水公司") { acknowledgedBy } }`, { id: surge.id }, as.DISPATCHER)).acknowledgeRiskWarning;
      expect(acknowledged.acknowledgedBy).toBe(as.DISPATCHER.sub);
      // Analysts see warnings of their city, without the cases.
      const analystView = ok(await gql(WARNINGS, {}, as.ANALYST)).riskWarnings.find((w: { id: string }) => w.id === surge.id);
      expect(analystView.cases).toEqual([]);
      expect(ok(await gql(WARNINGS, {}, as.taiyuanDispatcher)).riskWarnings.find((w: { id: string }) => w.id === surge.id)).toBeUndefined();
    });
  });

  describe('assisted intake', () => {
    it('suggests category, place, lead unit, knowledge and likely duplicates, each with a confidence', async () => {
      const s = ok(
        await gql(`{ suggestIntake(text: "我家住在滨河街道，从昨天晚上开始停水，到现在还没有来水，老人孩子没法做饭") { modelAvailable categories { value confidence } region township regionConfidence leadUnit { name } leadUnitConfidence duplicates { id } knowledge { title } } }`, {}, as.OPERATOR, 'INTAKE'),
      ).suggestIntake;
      expect(s.modelAvailable).toBe(true);
      expect(s.categories[0].value).toBe('0801');
      expect(s.categories[0].confidence).toBeGreaterThan(0.5);
      expect(s).toMatchObject({ region: '141102', township: '141102001', leadUnit: { name: '吕梁市供水有限公司' } });
      expect(s.duplicates.length).toBeGreaterThan(0);
      expect(errorOf(await gql(`{ suggestIntake(text: "停水") { modelAvailable } }`, {}, as.ANALYST)).code).toBe('FORBIDDEN');
    });

    it('retrains on the closed cases and beats the majority-class baseline on the held-out split', async () => {
      const report = ok(await gql(`mutation { trainIntakeModel { samples testSamples categoryAccuracy categoryTop3Accuracy categoryBaseline typeAccuracy typeBaseline } }`, {}, as.ADMIN)).trainIntakeModel;
      expect(report.testSamples).toBeGreaterThan(100);
      expect(report.categoryAccuracy).toBeGreaterThan(report.categoryBaseline);
      expect(report.categoryAccuracy).toBeGreaterThan(0.5);
      expect(report.typeAccuracy).toBeGreaterThan(report.typeBaseline);
      expect(errorOf(await gql(`mutation { trainIntakeModel { samples } }`, {}, as.DISPATCHER)).code).toBe('FORBIDDEN');
    });
  });
});
