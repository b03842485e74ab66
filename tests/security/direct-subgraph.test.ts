import { ASSERTION_HEADER, mintAssertion } from '../../src/platform/identity/assertion';
import { loadOrCreateKeyPair } from '../../src/platform/identity/keys';
import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

/**
 * docs/design.md decision 2: a subgraph reached without the gateway's assertion answers nothing; a
 * captured assertion cannot be reused with another body, for another subgraph, or twice.
 */
describe('a subgraph reached directly', () => {
  let hub: TestHub;
  const body = JSON.stringify({ query: '{ cases(first: 5) { edges { node { number caller { phone } } } } }' });
  const post = (headers: Record<string, string>, payload = body) =>
    hub.subgraphs.hotline(
      new Request('http://hotline.subgraph.internal/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload }),
    );
  const mint = async (options: { subgraph?: string; body?: string; ttlSeconds?: number; now?: Date } = {}) => {
    const keys = await loadOrCreateKeyPair(hub.dataDir, 'assertion');
    return mintAssertion(keys.privateKey, {
      subgraph: options.subgraph ?? 'hotline',
      body: options.body ?? body,
      ttlSeconds: options.ttlSeconds ?? 30,
      now: options.now ?? hub.clock.now(),
      principal: as.DISPATCHER,
      purpose: undefined,
      requestId: 'test-request',
      clientAddress: undefined,
      operationName: undefined,
    });
  };

  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.stop());

  async function expectRefused(response: Response, message: RegExp) {
    expect(response.status).toBe(401);
    const json = (await response.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(json.data).toBeUndefined();
    expect(json.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(json.errors[0]!.message).toMatch(message);
  }

  it('without an assertion: 401 and no data', async () => {
    await expectRefused(await post({}), /only answers requests forwarded by the hub gateway/);
  });

  it('with identity headers a client might forge: still 401', async () => {
    await expectRefused(await post({ 'x-principal': 'ADMIN', 'x-role': 'DISPATCHER', authorization: `Bearer ${await hub.token(as.DISPATCHER)}` }), /forwarded by the hub gateway/);
  });

  it('with an assertion signed by another key: refused', async () => {
    const header = await mint();
    const [h, p] = header.split('.');
    await expectRefused(await post({ [ASSERTION_HEADER]: `${h}.${p}.${'A'.repeat(86)}` }), /invalid or expired/);
  });

  it('with a valid assertion for another body (another query): refused', async () => {
    const header = await mint({ body: JSON.stringify({ query: '{ categories { code } }' }) });
    await expectRefused(await post({ [ASSERTION_HEADER]: header }), /does not match this request/);
  });

  it('with a valid assertion for another subgraph: refused', async () => {
    await expectRefused(await post({ [ASSERTION_HEADER]: await mint({ subgraph: 'exchange' }) }), /invalid or expired/);
  });

  it('with an expired assertion: refused', async () => {
    const header = await mint({ now: new Date(hub.clock.now().getTime() - 120_000) });
    await expectRefused(await post({ [ASSERTION_HEADER]: header }), /invalid or expired/);
  });

  it('with a valid assertion: answered once; the same request replayed is refused', async () => {
    const header = await mint();
    const first = await post({ [ASSERTION_HEADER]: header });
    expect(first.status).toBe(200);
    const json = (await first.json()) as { data: { cases: { edges: unknown[] } } };
    expect(json.data.cases.edges).toHaveLength(5);
    await expectRefused(await post({ [ASSERTION_HEADER]: header }), /already used/);
  });

  it('refuses GET (no assertion can bind an empty body to a query)', async () => {
    const response = await hub.subgraphs.hotline(new Request('http://hotline.subgraph.internal/graphql?query=%7Bcategories%7Bcode%7D%7D'));
    expect(response.status).toBe(401);
  });

  it('through the gateway, client-sent identity headers and extensions change nothing', async () => {
    const res = await hub.gql(`{ cases(first: 3) { edges { node { region caller { phone } } } } }`, {
      as: as.DISPATCHER,
      headers: { [ASSERTION_HEADER]: 'forged', 'x-principal': 'dp-sx', 'x-region': '140000' },
    });
    expect(res.body.errors).toBeUndefined();
    const nodes = res.body.data!.cases.edges.map((e: { node: { region: string; caller: { phone: string } } }) => e.node);
    expect(nodes.every((n: { region: string }) => n.region.startsWith('1411'))).toBe(true);
    // A dispatcher without a purpose that justifies contact data sees it masked.
    expect(nodes.filter((n: { caller: { phone: string | null } }) => n.caller.phone).every((n: { caller: { phone: string } }) => /\*{4}/.test(n.caller.phone))).toBe(true);
  });
});
