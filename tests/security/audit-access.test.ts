import { print } from 'graphql';
import { AccessAnomaliesDocument, AccessEventsDocument, ExportAccessEventsDocument, VerifyAuditChainDocument } from '../../schema/generated/graphql';
import { ASSERTION_HEADER } from '../../src/platform/identity/assertion';
import type { Principal } from '../../src/platform/identity/principal';
import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

const PERIOD = { from: '2026-11-27T00:00:00+08:00', to: '2026-11-28T00:00:00+08:00' };

/** Every auditors' query, what an auditor gets, and the message a principal without the right gets. */
const QUERIES = [
  {
    name: 'accessEvents',
    query: `{ accessEvents(first: 5) { edges { node { id principalId fields { path decision } } } } }`,
    forbidden: 'accessEvents: only auditors may read the access log',
    answer: (data: any) => expect(data.edges.map((e: any) => e.node.principalId)).toContain(as.DISPATCHER.sub),
  },
  {
    name: 'verifyAuditChain',
    query: `{ verifyAuditChain { ok checked firstBrokenId } }`,
    forbidden: 'verifyAuditChain: only auditors may verify the access log',
    answer: (data: any) => expect(data).toMatchObject({ ok: true, checked: expect.any(Number), firstBrokenId: null }),
  },
  {
    name: 'accessAnomalies',
    query: `{ accessAnomalies(from: "${PERIOD.from}", to: "${PERIOD.to}") { bulkContactReads { principalId } } }`,
    forbidden: 'accessAnomalies: only auditors may read the access log',
    answer: (data: any) => expect(data).toEqual({ bulkContactReads: [] }),
  },
  {
    name: 'exportAccessEvents',
    query: `{ exportAccessEvents(from: "${PERIOD.from}", to: "${PERIOD.to}") { count sha256 } }`,
    forbidden: 'exportAccessEvents: only auditors may export the access log',
    answer: (data: any) => expect(data).toMatchObject({ count: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
  },
] as const;

const OTHERS: [string, Principal][] = [
  ['DISPATCHER', as.DISPATCHER],
  ['HANDLER', as.HANDLER],
  ['ANALYST', as.ANALYST],
  ['OPERATOR', as.OPERATOR],
  ['CONTRACT_OPERATOR', as.CONTRACT_OPERATOR],
  ['PARTNER_AGENCY', as.PARTNER_AGENCY],
  ['PARTNER_SYSTEM', as.PARTNER_SYSTEM],
  ['ADMIN', as.ADMIN],
];

/**
 * Issue 4: only auditors read the access log (CASL `read`, `verify`, `export` on AccessEvent),
 * and auditors do not read case content. Pairs: the auditor may; every other role may not.
 */
describe('who may read the access log', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
    const res = await hub.gql(`{ cases(first: 3) { edges { node { number caller { name phone } } } } }`, { as: as.DISPATCHER, purpose: 'SUPERVISION' });
    expect(res.body.errors).toBeUndefined();
  });
  afterAll(() => hub.stop());

  describe.each(QUERIES)('$name', ({ name, query, forbidden, answer }) => {
    it('answers an auditor', async () => {
      const res = await hub.gql(query, { as: as.AUDITOR });
      expect(res.body.errors).toBeUndefined();
      answer(res.body.data![name]);
    });

    it.each(OTHERS)('refuses a %s with FORBIDDEN and no data', async (_role, principal) => {
      const res = await hub.gql(query, { as: principal, purpose: 'AUDIT' });
      expect(res.body.data ?? null).toBeNull();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0]).toMatchObject({ message: forbidden, path: [name], extensions: { code: 'FORBIDDEN' } });
    });
  });

  it('records refused attempts as DENIED: probing the log shows up among the denials', async () => {
    const attempt = await hub.gql(`{ accessEvents(filter: { principalId: "au-chenjing" }) { edges { node { id } } } }`, { as: as.HANDLER });
    expect(attempt.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const res = await hub.gql(
      `query($requestId: String) { accessEvents(filter: { requestId: $requestId }) { edges { node { principalId role subjectType subjectId fields { path decision } } } } }`,
      { as: as.AUDITOR, variables: { requestId: attempt.headers.get('x-request-id') } },
    );
    expect(res.body.data!.accessEvents.edges.map((e: { node: unknown }) => e.node)).toEqual([
      {
        principalId: as.HANDLER.sub,
        role: 'HANDLER',
        subjectType: 'AccessLog',
        subjectId: 'accessEvents',
        fields: [{ path: 'filter.principalId', decision: 'DENIED' }],
      },
    ]);
  });

  it('gives an auditor no case content: no cases, no case by id, no caller', async () => {
    const page = await hub.gql(`{ cases(first: 1) { edges { node { id } } } }`, { as: as.DISPATCHER });
    const id = page.body.data!.cases.edges[0].node.id as string;
    const res = await hub.gql(
      `query($id: ID!) { cases(first: 5) { edges { node { id } } } case(id: $id) { number caller { name phone } } node(id: $id) { id } }`,
      { as: as.AUDITOR, purpose: 'AUDIT', variables: { id } },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ cases: { edges: [] }, case: null, node: null });
  });

  it('shows auditors field paths and decisions, never the values read', async () => {
    const read = await hub.gql(`{ cases(first: 3) { edges { node { caller { name phone } } } } }`, { as: as.DISPATCHER, purpose: 'SUPERVISION' });
    const values = read.body.data!.cases.edges.flatMap((e: { node: { caller: { name: string | null; phone: string | null } } }) => [e.node.caller.name, e.node.caller.phone]).filter(Boolean) as string[];
    expect(values.length).toBeGreaterThan(0);
    const log = await hub.gql(
      `{ accessEvents(first: 100) { edges { node { id at principalId role unit region vendor partner purpose operation documentHash subjectType subjectId caseId fields { path decision } requestId policyVersion clientAddress chain seq prevHash hash } } }
         exportAccessEvents(from: "${PERIOD.from}", to: "${PERIOD.to}") { jsonl } }`,
      { as: as.AUDITOR },
    );
    expect(log.body.errors).toBeUndefined();
    const text = JSON.stringify(log.body.data);
    expect(text).toContain('caller.phone');
    for (const value of values) expect(text).not.toContain(value);
  });

  it.each([
    ['AccessEvents', AccessEventsDocument, { filter: { principalId: as.DISPATCHER.sub } }],
    ['VerifyAuditChain', VerifyAuditChainDocument, {}],
    ['AccessAnomalies', AccessAnomaliesDocument, PERIOD],
    ['ExportAccessEvents', ExportAccessEventsDocument, PERIOD],
  ] as const)('runs the %s operation of schema/operations/audit.graphql for an auditor only', async (_name, document, variables) => {
    const auditor = await hub.gql(print(document), { as: as.AUDITOR, variables });
    expect(auditor.body.errors).toBeUndefined();
    expect(auditor.body.data).not.toBeNull();
    const dispatcher = await hub.gql(print(document), { as: as.DISPATCHER, variables });
    expect(dispatcher.body.data ?? null).toBeNull();
    expect(dispatcher.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('refuses the audit subgraph reached directly, without the gateway\'s assertion', async () => {
    const response = await hub.subgraphs.audit(
      new Request('http://audit.subgraph.internal/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [ASSERTION_HEADER]: 'forged', 'x-role': 'AUDITOR' },
        body: JSON.stringify({ query: '{ accessEvents { edges { node { id } } } }' }),
      }),
    );
    expect(response.status).toBe(401);
    expect(((await response.json()) as { data?: unknown }).data).toBeUndefined();
  });
});
