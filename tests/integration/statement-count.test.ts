import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

/**
 * Issue 2, point 6: the cross-subgraph page costs a constant number of SQL statements whatever
 * `first` is — DataLoaders per request, entity references resolved in one batch.
 */
describe('federation batches', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.stop());

  const QUERY = /* GraphQL */ `
    query($first: Int) {
      cases(first: $first) { edges { node { number leadUnit { name } coUnits { name } category { name } caller { name } transfers { status } } } }
    }
  `;

  async function statementsFor(first: number): Promise<{ statements: number; cases: number }> {
    // Warm up once so one-off work (prepared metadata, first connections) is not counted.
    await hub.gql(QUERY, { as: as.DISPATCHER, variables: { first } });
    const before = hub.statements.count;
    const res = await hub.gql(QUERY, { as: as.DISPATCHER, variables: { first } });
    expect(res.body.errors).toBeUndefined();
    return { statements: hub.statements.count - before, cases: res.body.data!.cases.edges.length };
  }

  it('does not grow with first (10, 50, 100)', async () => {
    const ten = await statementsFor(10);
    const fifty = await statementsFor(50);
    const hundred = await statementsFor(100);
    expect(ten.cases).toBe(10);
    expect(fifty.cases).toBe(50);
    expect(hundred.cases).toBeGreaterThan(50);
    expect(fifty.statements).toBe(ten.statements);
    expect(hundred.statements).toBe(ten.statements);
    // hotline: BEGIN, principal settings (row-level security), cases page, units, categories,
    // COMMIT; the access-log insert; exchange: transfers.
    expect(ten.statements).toBeLessThanOrEqual(8);
  });
});
