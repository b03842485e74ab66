import pg from 'pg';
import { fromGlobalId } from '../../src/platform/graphql/ids';
import type { Principal } from '../../src/platform/identity/principal';
import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

/**
 * Issue 7: two principals sending the very same document at the same moment each receive only their
 * own filtered page through the gateway — nothing merges their subgraph requests (docs/stack.md, in-flight
 * merging) and nothing caches across them. Many more requests are in flight than the database pool
 * has connections (2 here): each request must finish on its own transaction's connection, or the
 * pool deadlocks and nobody gets an answer.
 */
describe('concurrent principals on the same page', () => {
  let hub: TestHub;
  let units: { id: string; region: string }[];
  const PAGE = /* GraphQL */ `
    query SamePage {
      cases(first: 20) { edges { node { id number leadUnit { id } caller { name phone } transfers { partner status } } } }
    }
  `;

  beforeAll(async () => {
    hub = await startTestHub({ env: { DATABASE_POOL_MAX: '2' } });
    units = await asOwner(hub, async (db) => {
      const { rows } = await db.query<{ id: string; region: string }>(
        `select lead_unit_id as id, min(u.region_code) as region from hotline."case" c join hotline.unit u on u.id = c.lead_unit_id
         group by lead_unit_id order by count(*) desc, lead_unit_id limit 2`,
      );
      return rows;
    });
  });
  afterAll(() => hub.stop());

  const handlerOf = (unit: { id: string; region: string }, n: number): Principal => ({
    sub: `hd-concurrent-${n}`,
    role: 'HANDLER',
    unit: unit.id,
    region: `${unit.region.slice(0, 4)}00`,
  });

  type Page = { cases: { edges: { node: { id: string; leadUnit: { id: string } | null } }[] } };

  it('gives each principal its own rows, never the other one’s', async () => {
    const [a, b] = [handlerOf(units[0]!, 1), handlerOf(units[1]!, 2)];
    const alone = {
      a: await hub.gql<Page>(PAGE, { as: a, purpose: 'HANDLING' }),
      b: await hub.gql<Page>(PAGE, { as: b, purpose: 'HANDLING' }),
    };
    const ids = (r: { body: { data?: Page | null } }) => r.body.data!.cases.edges.map((e) => fromGlobalId('Case', e.node.id)!);
    expect(ids(alone.a).length).toBeGreaterThan(0);
    expect(ids(alone.b).length).toBeGreaterThan(0);
    expect(ids(alone.a)).not.toEqual(ids(alone.b));

    // Ten pairs at once: twenty identical documents in flight, two principals, a pool of two.
    const together = await Promise.all(
      Array.from({ length: 10 }, () => [hub.gql<Page>(PAGE, { as: a, purpose: 'HANDLING' }), hub.gql<Page>(PAGE, { as: b, purpose: 'HANDLING' })]).flat(),
    );
    together.forEach((response, i) => {
      expect(response.status).toBe(200);
      expect((response.body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN')).toEqual([]);
      expect(ids(response)).toEqual(i % 2 === 0 ? ids(alone.a) : ids(alone.b));
    });

    // And every row each one saw is assigned to its own unit (checked in the database, as the owner).
    const assigned = await asOwner(hub, async (db) => {
      const { rows } = await db.query<{ id: string; units: string[] }>(`select id, assigned_unit_ids::text[] as units from hotline."case" where id = any($1::uuid[])`, [
        [...ids(alone.a), ...ids(alone.b)],
      ]);
      return new Map(rows.map((r) => [r.id, r.units]));
    });
    for (const id of ids(alone.a)) expect(assigned.get(id)).toContain(a.unit);
    for (const id of ids(alone.b)) expect(assigned.get(id)).toContain(b.unit);

    // Twenty requests recorded their reads at once, on several chains of the hotline: each intact.
    const report = await hub.gql<{ verifyAuditChain: { ok: boolean; checked: number } }>('{ verifyAuditChain { ok checked } }', { as: as.AUDITOR, purpose: 'AUDIT' });
    expect(report.body.errors).toBeUndefined();
    expect(report.body.data!.verifyAuditChain.ok).toBe(true);
    expect(report.body.data!.verifyAuditChain.checked).toBeGreaterThanOrEqual(22 * 20);
  });
});

async function asOwner<T>(hub: TestHub, work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: hub.databaseUrl });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}
