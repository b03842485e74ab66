import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

const PAGE = /* GraphQL */ `
  query Page($first: Int) {
    cases(first: $first) {
      edges { node { id number title status region leadUnit { name } transfers { partner direction status } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

describe('walking skeleton: gateway → hotline + exchange subgraphs on PostgreSQL', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.stop());

  it('answers the cross-subgraph query for a dispatcher, within the dispatcher\'s city only', async () => {
    const res = await hub.gql(PAGE, { as: as.DISPATCHER, variables: { first: 50 } });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const edges = res.body.data!.cases.edges as { node: { region: string; transfers: unknown[]; leadUnit: unknown } }[];
    expect(edges).toHaveLength(50);
    expect(edges.every((e) => e.node.region.startsWith('1411'))).toBe(true);
    expect(edges.some((e) => e.node.leadUnit !== null)).toBe(true);
    expect(edges.every((e) => Array.isArray(e.node.transfers))).toBe(true);
  });

  it('joins transfers from the exchange subgraph onto cases from the hotline subgraph', async () => {
    const res = await hub.gql(
      /* GraphQL */ `{ cases(first: 100, filter: { status: [TRANSFERRED_OUT] }) { edges { node { number emergencyLine transfers { partner direction status externalRef } } } } }`,
      { as: as.DISPATCHER },
    );
    expect(res.body.errors).toBeUndefined();
    const nodes = res.body.data!.cases.edges.map((e: { node: unknown }) => e.node) as {
      emergencyLine: string;
      transfers: { partner: string; direction: string; status: string; externalRef: string }[];
    }[];
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node.transfers).toHaveLength(1);
      expect(node.transfers[0]).toMatchObject({ direction: 'OUTBOUND', status: 'ACKNOWLEDGED' });
      expect(node.transfers[0]!.partner).toBe(
        { POLICE_110: 'police110', FIRE_119: 'fire119', MEDICAL_120: 'ems120', TRAFFIC_122: 'traffic122' }[node.emergencyLine],
      );
    }
  });

  it('paginates with Relay cursors, newest first, without overlap', async () => {
    const first = await hub.gql(PAGE, { as: as.DISPATCHER, variables: { first: 5 } });
    const after = first.body.data!.cases.pageInfo.endCursor as string;
    expect(first.body.data!.cases.pageInfo.hasNextPage).toBe(true);
    const second = await hub.gql(
      /* GraphQL */ `query($after: String) { cases(first: 5, after: $after) { edges { node { number createdAt } } } }`,
      { as: as.DISPATCHER, variables: { after } },
    );
    const firstNumbers = first.body.data!.cases.edges.map((e: { node: { number: string } }) => e.node.number);
    const secondNumbers = second.body.data!.cases.edges.map((e: { node: { number: string } }) => e.node.number);
    expect(secondNumbers).toHaveLength(5);
    expect(secondNumbers.filter((n: string) => firstNumbers.includes(n))).toEqual([]);
  });

  it('refuses first > 100 and a forged cursor with BAD_USER_INPUT naming the argument', async () => {
    const big = await hub.gql(PAGE, { as: as.DISPATCHER, variables: { first: 101 } });
    expect(big.body.errors?.[0]).toMatchObject({ message: 'first: must be between 1 and 100 (got 101)', extensions: { code: 'BAD_USER_INPUT' } });
    const forged = await hub.gql(`{ cases(after: "not-a-cursor") { edges { node { id } } } }`, { as: as.DISPATCHER });
    expect(forged.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(forged.body.errors?.[0]?.message).toMatch(/^after: /);
  });

  it('serves reference data: units by region, the category tree, the dispatch catalog', async () => {
    const res = await hub.gql(
      /* GraphQL */ `{
        units(region: "141100") { id name kind level region }
        categories { code name parent { code } }
        dispatchCatalog(region: "141102", categoryCode: "01") { categoryCode region leadUnit { name kind } slaProfile validFrom }
      }`,
      { as: as.DISPATCHER },
    );
    expect(res.body.errors).toBeUndefined();
    const { units, categories, dispatchCatalog } = res.body.data!;
    expect(units.length).toBeGreaterThan(5);
    expect(units.every((u: { region: string }) => u.region.startsWith('1411'))).toBe(true);
    expect(categories.some((c: { parent: unknown }) => c.parent === null)).toBe(true);
    expect(categories.some((c: { parent: { code: string } | null }) => c.parent?.code === '01')).toBe(true);
    expect(dispatchCatalog.length).toBeGreaterThan(0);
    expect(dispatchCatalog.every((e: { region: string; categoryCode: string }) => ['141102', '141100', '140000'].includes(e.region) && e.categoryCode.startsWith('01'))).toBe(true);
  });

  it('finds a case by number and by global id, and node(id:) resolves it too', async () => {
    const page = await hub.gql(PAGE, { as: as.DISPATCHER, variables: { first: 1 } });
    const { id, number } = page.body.data!.cases.edges[0].node;
    const res = await hub.gql(
      /* GraphQL */ `query($id: ID!, $number: String!) {
        byId: case(id: $id) { number }
        byNumber: caseByNumber(number: $number) { id }
        node(id: $id) { id ... on Case { number } }
      }`,
      { as: as.DISPATCHER, variables: { id, number } },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ byId: { number }, byNumber: { id }, node: { id, number } });
  });

  it('answers UNAUTHENTICATED (401) without a token, and for a token it did not issue', async () => {
    const none = await hub.gql(PAGE);
    expect(none.status).toBe(401);
    expect(none.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(none.body.data ?? null).toBeNull();
    const forged = await hub.gql(PAGE, { headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiQURNSU4ifQ.' } });
    expect(forged.status).toBe(401);
    expect(forged.body.errors?.[0]).toMatchObject({ message: 'the token could not be verified', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses an unknown purpose of use, naming the header', async () => {
    const res = await hub.gql(PAGE, { as: as.DISPATCHER, headers: { 'x-purpose': 'CURIOSITY' } });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/^X-Purpose: must be one of INTAKE, HANDLING/);
  });

  it('mints its own request id; a client-sent one is not used', async () => {
    const res = await hub.gql(PAGE, { as: as.DISPATCHER, variables: { first: 1 }, headers: { 'x-request-id': 'client-chosen-id' } });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(id).not.toBe('client-chosen-id');
  });

  it('reports health and readiness', async () => {
    const health = await fetch(`${hub.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${hub.url}/readyz`);
    expect(ready.status).toBe(200);
  });
});
