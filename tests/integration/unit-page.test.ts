import pg from 'pg';
import { startTestHub, type TestHub } from '../support/hub';
import type { Principal } from '../../src/platform/identity/principal';
import { as } from '../support/principals';

/**
 * A unit's page comes from the date-ordered index of its cases (hotline.case_unit_order, issue 7):
 * the same cases in the same order as the row policy and filters give, page after page, and the
 * index follows every change of a case's units.
 */
describe("a unit's page of cases", () => {
  let hub: TestHub;
  let owner: pg.Client;
  beforeAll(async () => {
    hub = await startTestHub();
    owner = new pg.Client({ connectionString: hub.databaseUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await hub.stop();
  });

  const PAGE = /* GraphQL */ `
    query($unitId: ID, $first: Int, $after: String, $status: [CaseStatus!]) {
      cases(first: $first, after: $after, filter: { unitId: $unitId, status: $status }) {
        edges { node { id status } }
        pageInfo { hasNextPage endCursor }
      }
    }
  `;
  const idOf = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1];

  /** Every page of `first`, following the cursors. */
  async function walk(principal: Principal, unitId: string, first: number, status?: string[]): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 1000; i++) {
      const res = await hub.gql(PAGE, { as: principal, variables: { unitId, first, after, status } });
      expect(res.body.errors).toBeUndefined();
      const page = res.body.data!.cases;
      ids.push(...page.edges.map((e: { node: { id: string } }) => idOf(e.node.id)));
      if (!page.pageInfo.hasNextPage) return ids;
      after = page.pageInfo.endCursor;
    }
    throw new Error('more than 1000 pages');
  }

  async function busiestUnit(region: string): Promise<string> {
    const { rows } = await owner.query<{ unit: string }>(
      `select u as unit from hotline."case", unnest(assigned_unit_ids) u where region_path @> array[$1] group by u order by count(*) desc limit 1`,
      [region],
    );
    return rows[0]!.unit;
  }

  const truth = async (where: string, params: unknown[]) =>
    (await owner.query<{ id: string }>(`select id from hotline."case" where ${where} order by created_at desc, id desc`, params)).rows.map((r) => r.id);

  it('pages through exactly the cases of the unit the principal may see, newest first', async () => {
    const unit = await busiestUnit('141100');
    const expected = await truth(`assigned_unit_ids @> array[$1::uuid] and region_path @> array['141100']`, [unit]);
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.length).toBeLessThan(1000);
    expect(await walk(as.DISPATCHER, unit, 3)).toEqual(expected);
    expect(await walk(as.DISPATCHER, unit, 50)).toEqual(expected);
  });

  it('applies the other filters too, and a handler of another unit sees none of them', async () => {
    const unit = await busiestUnit('141100');
    const status = ['DISPATCHED', 'SIGNED', 'CLOSED'];
    const expected = await truth(`assigned_unit_ids @> array[$1::uuid] and region_path @> array['141100'] and status = any($2)`, [unit, status]);
    expect(await walk(as.DISPATCHER, unit, 3, status)).toEqual(expected);
    const other = await owner.query<{ id: string }>(`select id from hotline.unit where id <> $1 limit 1`, [unit]);
    const stranger: Principal = { sub: 'hd-stranger', role: 'HANDLER', unit: other.rows[0]!.id };
    const seen = await walk(stranger, unit, 5);
    const shared = await truth(`assigned_unit_ids @> array[$1::uuid] and assigned_unit_ids @> array[$2::uuid]`, [unit, other.rows[0]!.id]);
    expect(seen).toEqual(shared);
  });

  it("gives a handler its unit's cases without a filter, as the row policy does", async () => {
    const unit = await busiestUnit('141100');
    const expected = await truth(`assigned_unit_ids @> array[$1::uuid]`, [unit]);
    const handler: Principal = { sub: 'hd-page', role: 'HANDLER', unit };
    const ids: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 1000; i++) {
      const res = await hub.gql(`query($after: String) { cases(first: 4, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { as: handler, variables: { after } });
      expect(res.body.errors).toBeUndefined();
      ids.push(...res.body.data!.cases.edges.map((e: { node: { id: string } }) => idOf(e.node.id)));
      if (!res.body.data!.cases.pageInfo.hasNextPage) break;
      after = res.body.data!.cases.pageInfo.endCursor;
    }
    expect(ids).toEqual(expected);
  });

  it('follows a case from one unit to another', async () => {
    const { rows } = await owner.query<{ id: string; units: string[] }>(`select id, assigned_unit_ids as units from hotline."case" where cardinality(assigned_unit_ids) > 0 limit 1`);
    const { id, units } = rows[0]!;
    const spare = (await owner.query<{ id: string }>(`select id from hotline.unit where not (id = any($1::uuid[])) limit 1`, [units])).rows[0]!.id;
    const order = async () => (await owner.query<{ unit: string }>(`select unit_id as unit from hotline.case_unit_order where case_id = $1 order by unit_id`, [id])).rows.map((r) => r.unit);
    expect(await order()).toEqual([...units].sort());
    await owner.query(`update hotline."case" set assigned_unit_ids = $2 where id = $1`, [id, [spare]]);
    expect(await order()).toEqual([spare]);
    await owner.query(`update hotline."case" set assigned_unit_ids = $2 where id = $1`, [id, units]);
    expect(await order()).toEqual([...units].sort());
  });
});
