import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub';
import { as } from '../support/principals';

/**
 * Hostile input at the gateway (issue 9, points 1 and 3): every request below is refused, and the
 * refusal happens before any subgraph is called and before any SQL statement runs. Both are
 * counted: the gateway's subgraph-request metric and the hub's statement counter (the first test
 * shows that a real query moves both, so a refusal that leaked through would be seen).
 */
describe('hostile input is refused before any subgraph or database work', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.stop());

  const work = async () => ({ subgraphCalls: await hub.metric('hub_subgraph_requests_total'), statements: hub.statements.count });

  /** Runs `send` and asserts it caused no subgraph request and no SQL statement. */
  async function withoutWork<T>(send: () => Promise<T>): Promise<T> {
    const before = await work();
    const result = await send();
    expect(await work()).toEqual(before);
    return result;
  }

  function refusedBy(res: GraphQLResponse, limit: string) {
    expect(res.status).toBe(400);
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit });
    return res.body.errors![0]!.message;
  }

  const nest = (levels: number, leaf = 'id') => `${'master { '.repeat(levels)}${leaf}${' }'.repeat(levels)}`;

  it('(control) a real query calls a subgraph and runs SQL, so the counters below can see work', async () => {
    const before = await work();
    const res = await hub.gql('{ categories { code } }', { as: as.DISPATCHER });
    expect(res.body.errors).toBeUndefined();
    const after = await work();
    expect(after.subgraphCalls).toBeGreaterThan(before.subgraphCalls);
    expect(after.statements).toBeGreaterThan(before.statements);
  });

  it('deep: nesting beyond LIMIT_MAX_DEPTH (10)', async () => {
    const res = await withoutWork(() => hub.gql(`{ caseByNumber(number: "x") { ${nest(11)} } }`, { as: as.DISPATCHER }));
    expect(refusedBy(res, 'depth')).toBe('the operation is nested too deeply (13 > 10); simplify it or use a trusted document');
  });

  it('deep through named fragments: depth is counted through every spread', async () => {
    const query = `{ caseByNumber(number: "x") { ...A } }
      fragment A on Case { master { master { master { ...B } } } }
      fragment B on Case { master { master { master { ...C } } } }
      fragment C on Case { master { master { master { id } } } }`;
    const res = await withoutWork(() => hub.gql(query, { as: as.DISPATCHER }));
    refusedBy(res, 'depth');
  });

  it.each([
    ['an operation named __schema', `query __schema { caseByNumber(number: "x") { ${nest(11)} } }`],
    ['a fragment named __schema', `{ caseByNumber(number: "x") { ...__schema } } fragment __schema on Case { ${nest(11)} }`],
    ['a field aliased __schema', `{ __schema: caseByNumber(number: "x") { ${nest(11)} } }`],
    ['a fragment named __type inside __typename noise', `{ __typename caseByNumber(number: "x") { __typename ...__type } } fragment __type on Case { ${nest(11)} }`],
  ])('known depth-limit bypasses do not work: %s', async (_name, query) => {
    const res = await withoutWork(() => hub.gql(query, { as: as.DISPATCHER }));
    refusedBy(res, 'depth');
  });

  it('wide: more top-level fields than LIMIT_MAX_ROOT_FIELDS (8)', async () => {
    const query = `{ categories { code } units { id } cases { pageInfo { hasNextPage } } transfers { pageInfo { hasNextPage } }
      missedCalls { pageInfo { hasNextPage } } dispatchCatalog { id } verifyAuditChain { ok } accessEvents { pageInfo { hasNextPage } }
      caseByNumber(number: "x") { id } }`;
    const res = await withoutWork(() => hub.gql(query, { as: as.DISPATCHER }));
    expect(refusedBy(res, 'rootFields')).toMatch(/too many top-level fields \(9 > 8\)/);
  });

  it('aliased: more aliases than LIMIT_MAX_ALIASES (15), one field asked sixteen times', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: code`).join(' ');
    const res = await withoutWork(() => hub.gql(`{ categories { ${aliases} } }`, { as: as.DISPATCHER }));
    expect(refusedBy(res, 'aliases')).toMatch(/too many aliases \(16 > 15\)/);
  });

  it('aliases hidden in a fragment count once per spread', async () => {
    const aliases = Array.from({ length: 4 }, (_, i) => `a${i}: code`).join(' ');
    const query = `{ categories { ...F ...G } } fragment F on Category { ${aliases} ...G } fragment G on Category { ${aliases} parent { ...H } } fragment H on Category { ${aliases} }`;
    // F: 4 + G; G: 4 + H (4) = 8; spread twice in the operation: F (12) + G (8) = 20 aliases.
    const res = await withoutWork(() => hub.gql(query, { as: as.DISPATCHER }));
    expect(refusedBy(res, 'aliases')).toMatch(/\(20 > 15\)/);
  });

  it('fragment-cycled: a fragment that spreads itself through another is refused without being expanded', async () => {
    const query = `{ ...A } fragment A on Query { categories { code } ...B } fragment B on Query { units { id } ...A }`;
    const res = await withoutWork(() => hub.gql(query, { as: as.DISPATCHER }));
    expect(refusedBy(res, 'fragmentCycle')).toMatch(/a fragment spreads itself/);
  });

  it('fragment reuse: forty fragments each spreading the previous one twice (2^40 fields) are measured, not expanded, and refused', async () => {
    const fragments = ['fragment F0 on Category { code name }'];
    for (let i = 1; i <= 40; i++) fragments.push(`fragment F${i} on Category { ...F${i - 1} ...F${i - 1} }`);
    const res = await withoutWork(() => hub.gql(`{ categories { ...F40 } } ${fragments.join(' ')}`, { as: as.DISPATCHER }));
    expect(refusedBy(res, 'cost')).toMatch(/cost too much/);
  });

  it('directive-flooded: more directives than LIMIT_MAX_DIRECTIVES (10)', async () => {
    const res = await withoutWork(() => hub.gql(`{ categories ${'@include(if: true) '.repeat(50)}{ code } }`, { as: as.DISPATCHER }));
    expect(refusedBy(res, 'directives')).toMatch(/too many directives \(50 > 10\)/);
  });

  it('costly: a page of pages whose estimated cost exceeds LIMIT_MAX_COST', async () => {
    const query = `{ cases(first: 100) { edges { node { number events(first: 100) { edges { node { at action note } } } } } } }`;
    const res = await withoutWork(() => hub.gql(query, { as: as.DISPATCHER }));
    expect(refusedBy(res, 'cost')).toMatch(/would cost too much to answer \(\d+ > 10000\)/);
  });

  it('a page above the cap is refused at the gateway with the API message (literal or variable)', async () => {
    const literal = await withoutWork(() => hub.gql('{ cases(first: 1000) { edges { node { id } } } }', { as: as.DISPATCHER }));
    expect(literal.body.errors![0]).toMatchObject({ message: 'first: must be between 1 and 100 (got 1000)', extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    const variable = await withoutWork(() => hub.gql('query($n: Int) { transfers(first: $n) { edges { node { id } } } }', { as: as.DISPATCHER, variables: { n: 101 } }));
    expect(variable.body.errors![0]!.message).toBe('first: must be between 1 and 100 (got 101)');
  });

  it('a document with more tokens than LIMIT_MAX_TOKENS (2000) is not parsed to the end', async () => {
    const res = await withoutWork(() => hub.gql(`{ categories { ${'code '.repeat(2500)}} }`, { as: as.DISPATCHER }));
    expect(refusedBy(res, 'tokens')).toBe('the document is too long (more than 2000); simplify it or use a trusted document');
  });

  it('oversized: a body above GATEWAY_MAX_BODY_BYTES is refused by its Content-Length (413)', async () => {
    const res = await withoutWork(() => hub.gql('query($t: String!) { searchKnowledge(text: $t) { id } }', { as: as.DISPATCHER, variables: { t: '水'.repeat(60_000) } }));
    expect(res.status).toBe(413);
    expect(res.body.errors![0]).toMatchObject({ message: 'the request body is too large', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('oversized and streamed without a Content-Length: refused while reading (413)', async () => {
    const token = await hub.token(as.DISPATCHER);
    const chunk = new TextEncoder().encode(' '.repeat(16_384));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"query":"{ categories { code } }","variables":{"pad":"'));
        if (sent++ < 20) controller.enqueue(chunk);
        else {
          controller.enqueue(new TextEncoder().encode('"}}'));
          controller.close();
        }
      },
    });
    const res = await withoutWork(() =>
      fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body, duplex: 'half' } as RequestInit),
    );
    expect(res.status).toBe(413);
  });

  it('batched: an array of operations is refused (batching is off)', async () => {
    const res = await withoutWork(() => hub.post([{ query: '{ categories { code } }' }, { query: '{ units { id } }' }], { as: as.DISPATCHER }));
    expect(res.status).toBe(400);
    expect(res.body.errors![0]).toMatchObject({ message: 'Batching is not supported.', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('GET mutation: refused with 405, even with a valid token', async () => {
    const token = await hub.token(as.OPERATOR);
    const url = `${hub.url}/graphql?query=${encodeURIComponent('mutation { signCase(caseId: "00000000-0000-0000-0000-000000000000") { id } }')}`;
    const res = await withoutWork(() => fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/graphql-response+json' } }));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
  ])('simple-content-type POST (%s) without a preflight header: refused 403 (CSRF)', async (_name, contentType) => {
    const res = await withoutWork(() => fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify({ query: '{ categories { code } }' }) }));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('FORBIDDEN');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a simple GET without a preflight header is refused (CSRF); a POST that is not JSON is refused even with a token (415)', async () => {
    const get = await withoutWork(() => fetch(`${hub.url}/graphql?query=${encodeURIComponent('{ categories { code } }')}`));
    expect(get.status).toBe(403);
    const token = await hub.token(as.DISPATCHER);
    const text = await withoutWork(() =>
      fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ categories { code } }' }) }),
    );
    expect(text.status).toBe(415);
  });

  it('hostile documents from an anonymous caller are refused as unauthenticated, before they are parsed', async () => {
    const res = await withoutWork(() => hub.gql(`{ caseByNumber(number: "x") { ${nest(50)} } }`));
    expect(res.status).toBe(401);
    expect(res.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});
