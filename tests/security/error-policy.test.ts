import pg from 'pg';
import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

/**
 * Errors (issue 9, point 7): unexpected failures reach the client masked (no stack, SQL, host name
 * or file path); expected ones carry an docs/api.md code; every error is logged once with the request id
 * the client received in `x-request-id`.
 */
describe('error policy', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ captureLogs: true });
  });
  afterAll(() => hub.stop());

  const linesOf = (requestId: string | null) => hub.logs.filter((l) => l.requestId === requestId && l.msg === 'request error');

  it('a database failure inside a subgraph is masked: the client learns nothing of SQL, tables, hosts or files', async () => {
    const client = new pg.Client({ connectionString: hub.databaseUrl });
    await client.connect();
    await client.query('alter table hotline.category rename to category_moved');
    try {
      const res = await hub.gql('{ categories { code name } }', { as: as.DISPATCHER });
      expect(res.body.data ?? null).toBeNull();
      expect(res.body.errors).toEqual([{ message: 'Unexpected error.', path: ['categories'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      const text = JSON.stringify(res.body);
      for (const leak of ['category', 'relation', 'select', 'hotline.', '127.0.0.1', 'localhost', '/work', 'node_modules', '.ts:', 'stack']) expect(text).not.toContain(leak);

      const requestId = res.headers.get('x-request-id');
      const lines = linesOf(requestId);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 50, code: 'INTERNAL_SERVER_ERROR', path: 'categories', principal: as.DISPATCHER.sub });
      // The subgraph logged the cause with the same request id (its own process's log in scale-out).
      const cause = hub.logs.find((l) => l.requestId === requestId && l.msg === 'unexpected error masked');
      expect(cause).toMatchObject({ subgraph: 'hotline', principal: as.DISPATCHER.sub });
      expect(JSON.stringify(cause?.err)).toContain('category');
    } finally {
      await client.query('alter table hotline.category_moved rename to category');
      await client.end();
    }
  });

  it('expected failures keep their API code and message, and are logged once each with the request id', async () => {
    // A well-formed id of a missing case: null, no error (a malformed one is BAD_USER_INPUT).
    const res = await hub.gql('{ a: case(id: "Q2FzZTowMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDA=") { id } b: caseByNumber(number: "12345-000000-20260101-000001") { id } c: cases(first: 0) { pageInfo { hasNextPage } } }', { as: as.DISPATCHER });
    const codes = res.body.errors!.map((e) => e.extensions!.code);
    expect(codes).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0]!.message).toBe('first: must be between 1 and 100 (got 0)');
    const lines = linesOf(res.headers.get('x-request-id'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ code: 'BAD_USER_INPUT', path: 'c', message: 'first: must be between 1 and 100 (got 0)' });
  });

  it("graphql-js's own errors become BAD_USER_INPUT; their messages are not logged (they can echo variable values)", async () => {
    const res = await hub.gql('query($n: Int) { cases(first: $n) { pageInfo { hasNextPage } } }', { as: as.DISPATCHER, variables: { n: '13800001111' } });
    expect(res.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors![0]!.message).toContain('13800001111');
    const [line] = linesOf(res.headers.get('x-request-id'));
    expect(line).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(line)).not.toContain('13800001111');
  });

  it('refusals before execution are logged with the request id too (here: no token)', async () => {
    const res = await hub.gql('{ categories { code } }');
    expect(res.status).toBe(401);
    expect(linesOf(res.headers.get('x-request-id'))).toMatchObject([{ code: 'UNAUTHENTICATED', level: 30 }]);
  });

  it('counts errors by code for /metrics', async () => {
    const before = await hub.metric('hub_graphql_errors_total', { code: 'UNAUTHENTICATED' });
    await hub.gql('{ categories { code } }');
    expect(await hub.metric('hub_graphql_errors_total', { code: 'UNAUTHENTICATED' })).toBe(before + 1);
  });
});
