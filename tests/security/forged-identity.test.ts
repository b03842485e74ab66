import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import pg from 'pg';
import { ASSERTION_HEADER } from '../../src/platform/identity/assertion';
import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

/**
 * Forged identity (docs/design.md decision 2; issue 9): identity headers, extensions and request ids a
 * client makes up change nothing. Without a valid token nothing reaches a subgraph; with one, the
 * subgraphs see that token's principal and the gateway's request id, as the access log shows.
 */
describe('forged identity at the gateway', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.stop());

  const FORGED = {
    [ASSERTION_HEADER]: 'eyJhbGciOiJub25lIn0.eyJwIjp7InN1YiI6ImFkbWluIiwicm9sZSI6IkFETUlOIn19.',
    'x-principal': 'adm-1',
    'x-role': 'ADMIN',
    'x-user-id': 'adm-1',
    'x-forwarded-user': 'adm-1',
    'x-request-id': 'forged-request-id',
  };
  const QUERY = '{ cases(first: 3) { edges { node { number caller { phone } } } } }';

  async function withoutWork<T>(send: () => Promise<T>): Promise<T> {
    const calls = await hub.metric('hub_subgraph_requests_total');
    const statements = hub.statements.count;
    const result = await send();
    expect(await hub.metric('hub_subgraph_requests_total')).toBe(calls);
    expect(hub.statements.count).toBe(statements);
    return result;
  }

  it('forged identity headers without a token: 401, and nothing reaches a subgraph', async () => {
    const res = await withoutWork(() => hub.gql(QUERY, { headers: FORGED }));
    expect(res.status).toBe(401);
    expect(res.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(res.headers.get('x-request-id')).not.toBe('forged-request-id');
  });

  it.each([
    ['signed by a key the hub does not trust', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      return new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'ES256' }).setSubject('adm-1').setIssuer('hotline-hub-dev').setAudience('hotline-hub').setIssuedAt().setExpirationTime('1h').sign(privateKey);
    }],
    ['unsigned (alg "none")', async () => {
      const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'adm-1', role: 'ADMIN', iss: 'hotline-hub-dev', aud: 'hotline-hub' })}.`;
    }],
    ['that is a public key pasted in', async () => JSON.stringify(await exportJWK((await generateKeyPair('ES256')).publicKey))],
  ])('a token %s: 401, and nothing reaches a subgraph', async (_name, makeToken) => {
    const res = await withoutWork(async () => hub.gql(QUERY, { headers: { authorization: `Bearer ${await makeToken()}` } }));
    expect(res.status).toBe(401);
  });

  it("with a valid token, forged headers and extensions are ignored: the subgraph records the token's principal and the gateway's request id", async () => {
    const res = await hub.post(
      { query: QUERY, extensions: { principal: { sub: 'adm-1', role: 'ADMIN' }, [ASSERTION_HEADER]: 'forged', requestId: 'forged-request-id' } },
      { as: as.DISPATCHER, headers: FORGED },
    );
    expect(res.body.errors).toBeUndefined();
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const client = new pg.Client({ connectionString: hub.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ principal_id: string; role: string; request_id: string }>(
        'select distinct principal_id, role, request_id from audit.access_event where request_id in ($1, $2)',
        [requestId, 'forged-request-id'],
      );
      expect(rows).toEqual([{ principal_id: as.DISPATCHER.sub, role: 'DISPATCHER', request_id: requestId }]);
    } finally {
      await client.end();
    }
    // And the dispatcher, without a purpose that justifies it, still sees phone numbers masked.
    const phones = res.body.data!.cases.edges.map((e: { node: { caller: { phone: string | null } | null } }) => e.node.caller?.phone).filter(Boolean);
    expect(phones.length).toBeGreaterThan(0);
    expect(phones.every((p: string) => /\*{4}/.test(p))).toBe(true);
  });
});
