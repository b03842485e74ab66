import fs from 'node:fs';
import path from 'node:path';
import { CategoriesDocument, FaultOrdersDocument, PartnerTransfersDocument, PetitionBureauCasesDocument, SupervisionLeadsDocument } from '../../schema/generated/graphql';
import { loadOrCreateKeyPair } from '../../src/platform/identity/keys';
import type { Principal } from '../../src/platform/identity/principal';
import { issueToken } from '../../src/platform/identity/tokens';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub';
import { as } from '../support/principals';

const ANALYST: Principal = { sub: 'an-1', role: 'ANALYST', region: '141100' };
const ADMIN: Principal = { sub: 'adm-1', role: 'ADMIN' };
const POLICE: Principal = { sub: 'p110-sys', role: 'PARTNER_SYSTEM', partner: 'police110', region: '141100' };
const MANIFEST = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../schema/generated/persisted-documents.json'), 'utf8')) as Record<string, string>;
const idOf = (document: unknown) => (document as { __meta__: { hash: string } }).__meta__.hash;

/**
 * NODE_ENV=production with a proper configuration (a JWKS endpoint, keys and secrets from the
 * environment; here ANALYST and ADMIN are exempt from trusted documents): only trusted documents for partners
 * and frontends, no introspection for anyone, no GraphiQL, limits not revealed, development tokens
 * refused.
 */
describe('the hub in production mode', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ production: true, env: { ARBITRARY_DOCUMENT_ROLES: 'ANALYST,ADMIN' } });
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

  const refusedUntrusted = (res: GraphQLResponse) => {
    expect(res.status).toBe(403);
    expect(res.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(res.body.errors![0]!.message).toMatch(/^only trusted documents are executed here: send \{"documentId": "sha256:…"\}/);
  };

  it('a frontend role runs a trusted document by its id (the id codegen put in __meta__.hash)', async () => {
    const res = await hub.post({ documentId: idOf(CategoriesDocument) }, { as: as.DISPATCHER });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.categories.length).toBeGreaterThan(5);
  });

  it('a partner system runs its trusted document with variables, or by sending its exact text', async () => {
    const byId = await hub.post({ documentId: idOf(PartnerTransfersDocument), variables: { first: 5 } }, { as: POLICE, headers: { 'x-purpose': 'TRANSFER' } });
    expect(byId.body.errors).toBeUndefined();
    expect(byId.body.data!.transfers.edges.every((e: { node: { partner: string } }) => e.node.partner === 'police110')).toBe(true);
    const byText = await hub.post({ query: MANIFEST[idOf(PartnerTransfersDocument)], variables: { first: 5 } }, { as: POLICE, headers: { 'x-purpose': 'TRANSFER' } });
    expect(byText.body).toEqual(byId.body);
  });

  it("the petition bureau, the supervision office and a utility run their trusted documents (issue 6's partner queries)", async () => {
    const bureau = await hub.post({ documentId: idOf(PetitionBureauCasesDocument), variables: { first: 5 } }, { as: as.PARTNER_AGENCY, headers: { 'x-purpose': 'TRANSFER' } });
    expect(bureau.body.errors).toBeUndefined();
    expect(Array.isArray(bureau.body.data!.cases.edges)).toBe(true);
    const office = { sub: 'pa-supervision', role: 'PARTNER_AGENCY', partner: 'supervision', region: '141100' } as Principal;
    const leads = await hub.post({ documentId: idOf(SupervisionLeadsDocument) }, { as: office, headers: { 'x-purpose': 'SUPERVISION' } });
    expect(leads.body.errors).toBeUndefined();
    expect(Array.isArray(leads.body.data!.supervisionLeads)).toBe(true);
    const power = { sub: 'ps-power', role: 'PARTNER_SYSTEM', partner: 'utility-power', region: '141100' } as Principal;
    const orders = await hub.post({ documentId: idOf(FaultOrdersDocument) }, { as: power, headers: { 'x-purpose': 'TRANSFER' } });
    expect(orders.body.errors).toBeUndefined();
    expect(Array.isArray(orders.body.data!.faultOrders)).toBe(true);
  });

  it.each([
    ['a frontend role', as.DISPATCHER],
    ['a partner system', POLICE],
    ['a partner agency', as.PARTNER_AGENCY],
    ['an auditor', as.AUDITOR],
  ])('%s cannot run an arbitrary document, not even a harmless one', async (_name, principal) => {
    refusedUntrusted(await withoutWork(() => hub.gql('{ categories { code } }', { as: principal })));
  });

  it('a trusted document reformatted is not the trusted document', async () => {
    const text = MANIFEST[idOf(CategoriesDocument)]!.replace('query Categories', 'query  Categories');
    refusedUntrusted(await withoutWork(() => hub.post({ query: text }, { as: as.DISPATCHER })));
  });

  it('an unknown id, or an id with another document beside it, is refused', async () => {
    const unknown = await withoutWork(() => hub.post({ documentId: `sha256:${'0'.repeat(64)}` }, { as: as.DISPATCHER }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(unknown.body.errors![0]!.message).toMatch(/^documentId: no trusted document has this id/);
    const smuggled = await withoutWork(() => hub.post({ documentId: idOf(CategoriesDocument), query: '{ cases { edges { node { caller { phone } } } } }' }, { as: as.DISPATCHER }));
    expect(smuggled.body.errors![0]!.message).toBe('send either documentId or query, not both');
  });

  it('an exempt role (ARBITRARY_DOCUMENT_ROLES) may send its own document', async () => {
    const res = await hub.gql('{ categories { code } }', { as: ANALYST });
    expect(res.body.errors).toBeUndefined();
  });

  it('limits say which limit, never its value', async () => {
    const res = await withoutWork(() => hub.gql(`{ caseByNumber(number: "x") { ${'master { '.repeat(12)}id${' }'.repeat(12)} } }`, { as: ANALYST }));
    expect(res.body.errors![0]).toMatchObject({ message: 'the operation is nested too deeply; simplify it or use a trusted document', extensions: { code: 'BAD_USER_INPUT', limit: 'depth' } });
    const tokens = await withoutWork(() => hub.gql(`{ categories { ${'code '.repeat(2500)}} }`, { as: ANALYST }));
    expect(tokens.body.errors![0]!.message).toBe('the document is too long; simplify it or use a trusted document');
    expect(JSON.stringify([res.body, tokens.body])).not.toMatch(/\d{2,}/);
  });

  it('nobody may introspect, not even an ADMIN or an exempt role', async () => {
    for (const principal of [ADMIN, ANALYST]) {
      const res = await withoutWork(() => hub.gql('{ __schema { types { name } } }', { as: principal }));
      expect(res.body.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      expect(res.body.errors![0]!.message).toMatch(/^introspection is not available/);
    }
  });

  it('GraphiQL is not served', async () => {
    const res = await fetch(`${hub.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await res.text()).not.toMatch(/graphiql/i);
  });

  it('tokens are verified against the identity provider: a development token (other issuer) is refused', async () => {
    const keys = await loadOrCreateKeyPair(hub.dataDir, 'jwt');
    const devToken = await issueToken(as.DISPATCHER, { ...keys, issuer: 'hotline-hub-dev', audience: 'hotline-hub', now: hub.clock.now() });
    const res = await withoutWork(() => hub.post({ documentId: idOf(CategoriesDocument) }, { headers: { authorization: `Bearer ${devToken}` } }));
    expect(res.status).toBe(401);
    expect(res.body.errors![0]!.message).toBe('the token\'s "iss" claim is not accepted');
  });
});

describe('production start-up', () => {
  it('a gateway with only the public assertion key refuses to start, naming ASSERTION_PRIVATE_KEY', async () => {
    await expect(
      startTestHub({ production: true, env: { ASSERTION_PRIVATE_KEY: '', ASSERTION_PUBLIC_KEY: '{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}' } }),
    ).rejects.toThrow(/ASSERTION_PRIVATE_KEY: required for the gateway/);
  });
});
