import { ASSERTION_HEADER, mintAssertion } from '../../src/platform/identity/assertion';
import { loadOrCreateKeyPair } from '../../src/platform/identity/keys';
import type { Principal } from '../../src/platform/identity/principal';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub';
import { as } from '../support/principals';

const ADMIN: Principal = { sub: 'adm-1', role: 'ADMIN' };

/**
 * No schema leaks (issue 9, point 2): introspection only for the roles configured
 * (INTROSPECTION_ROLES; here ADMIN), "Did you mean" suggestions for nobody — on the gateway and on
 * every subgraph, where nobody may introspect at all.
 */
describe('schema privacy', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ env: { INTROSPECTION_ROLES: 'ADMIN' } });
  });
  afterAll(() => hub.stop());

  async function withoutWork<T>(send: () => Promise<T>): Promise<T> {
    const calls = await hub.metric('hub_subgraph_requests_total');
    const statements = hub.statements.count;
    const result = await send();
    expect(await hub.metric('hub_subgraph_requests_total')).toBe(calls);
    expect(hub.statements.count).toBe(statements);
    return result;
  }

  const refusedIntrospection = (res: GraphQLResponse) => {
    expect(res.status).toBe(403);
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(res.body.errors![0]!.message).toMatch(/^introspection is not available/);
  };

  describe('on the gateway', () => {
    it('a role allowed to introspect may (the control)', async () => {
      const res = await hub.gql('{ __schema { queryType { name } } }', { as: ADMIN });
      expect(res.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    });

    it.each([
      ['__schema', '{ __schema { types { name } } }'],
      ['__type', '{ __type(name: "Case") { fields { name } } }'],
      ['an aliased __schema', '{ s: __schema { types { name } } }'],
      ['__schema inside a fragment', '{ ...F } fragment F on Query { __schema { types { name } } }'],
      ['__type beside a real field', '{ categories { code } t: __type(name: "Caller") { fields { name } } }'],
    ])('any other role is refused %s, without any subgraph or database work', async (_name, query) => {
      refusedIntrospection(await withoutWork(() => hub.gql(query, { as: as.DISPATCHER })));
    });

    it('__typename is not introspection', async () => {
      const res = await hub.gql('{ __typename }', { as: as.DISPATCHER });
      expect(res.body).toEqual({ data: { __typename: 'Query' } });
    });

    it.each([
      ['a field', '{ casez { pageInfo { hasNextPage } } }', 'Cannot query field "casez" on type "Query".'],
      ['an argument', '{ cases(frist: 5) { pageInfo { hasNextPage } } }', 'Unknown argument "frist" on field "Query.cases".'],
      ['a type', 'query($f: CaseFiltr) { cases(filter: $f) { pageInfo { hasNextPage } } }', 'Unknown type "CaseFiltr".'],
      ['an enum value', '{ cases(filter: { status: [REGISTERD] }) { pageInfo { hasNextPage } } }', 'Value "REGISTERD" does not exist in "CaseStatus" enum.'],
    ])('a misspelt %s gets no suggestion', async (_name, query, message) => {
      const res = await withoutWork(() => hub.gql(query, { as: as.DISPATCHER }));
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    });

    it('a misspelt enum value in the variables gets no suggestion either', async () => {
      const res = await withoutWork(() =>
        hub.gql('query($s: [CaseStatus!]) { cases(filter: { status: $s }) { pageInfo { hasNextPage } } }', { as: as.DISPATCHER, variables: { s: ['REGISTERD'] } }),
      );
      expect(res.body.errors![0]!.message).toMatch(/^Variable "\$s" got invalid value "REGISTERD"/);
      expect(res.body.errors![0]!.message).not.toMatch(/did you mean/i);
      expect(res.body.errors![0]!.message).not.toContain('REGISTERED');
    });
  });

  describe('on every subgraph (reached with a valid gateway assertion)', () => {
    const post = async (subgraph: 'hotline' | 'exchange' | 'audit', query: string, principal: Principal = ADMIN) => {
      const body = JSON.stringify({ query });
      const keys = await loadOrCreateKeyPair(hub.dataDir, 'assertion');
      const assertion = await mintAssertion(keys.privateKey, {
        subgraph,
        body,
        ttlSeconds: 30,
        now: hub.clock.now(),
        principal,
        purpose: undefined,
        requestId: `privacy-${subgraph}`,
        clientAddress: undefined,
        operationName: undefined,
      });
      const response = await hub.subgraphs[subgraph]!(
        new Request(`http://${subgraph}.subgraph.internal/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', [ASSERTION_HEADER]: assertion }, body }),
      );
      return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
    };

    it.each(['hotline', 'exchange', 'audit'] as const)('%s: introspection and the federation SDL are refused even to an ADMIN, without SQL', async (subgraph) => {
      for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Query") { name } }', '{ _service { sdl } }']) {
        const statements = hub.statements.count;
        const res = await post(subgraph, query);
        expect(hub.statements.count).toBe(statements);
        expect(res.body.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
        expect(res.body.data ?? null).toBeNull();
      }
    });

    it.each(['hotline', 'exchange', 'audit'] as const)('%s: a misspelt field gets no suggestion; a real one is answered (the control)', async (subgraph) => {
      const res = await post(subgraph, '{ __typenam }');
      expect(res.body.errors![0]!.message).toBe('Cannot query field "__typenam" on type "Query".');
      expect((await post(subgraph, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
    });
  });

  it('GraphiQL is served outside production (the production test shows it is not served there)', async () => {
    const res = await fetch(`${hub.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
  });
});
