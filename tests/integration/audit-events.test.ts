import { fromGlobalId, toGlobalId } from '../../src/platform/graphql/ids';
import type { Principal } from '../../src/platform/identity/principal';
import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

type FieldAccess = { path: string; decision: 'ALLOWED' | 'MASKED' | 'DENIED' };
type Event = {
  id: string;
  at: string;
  principalId: string;
  role: string;
  unit: string | null;
  purpose: string | null;
  subjectType: string;
  subjectId: string;
  caseId: string | null;
  fields: FieldAccess[];
  requestId: string;
  chain: string;
};
type Page = { edges: { cursor: string; node: Event }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

const EVENTS = /* GraphQL */ `
  query Events($filter: AccessEventFilter, $first: Int, $after: String) {
    accessEvents(filter: $filter, first: $first, after: $after) {
      edges { cursor node { id at principalId role unit purpose subjectType subjectId caseId fields { path decision } requestId chain } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

type CaseRow = { id: string; leadUnit: { id: string } | null; caller: { whistleblower: boolean; confidential: boolean } };

/**
 * Issue 4, point 8: auditors list the access events that other principals' reads produced — by
 * principal, unit, case, field, decision, purpose and period, Relay-paginated — and their own
 * reads of the log are recorded too.
 */
describe('the access log for auditors', () => {
  let hub: TestHub;
  let handler: Principal;
  /** The handler's unit's cases: two ordinary, one whistleblower's, one confidential caller's. */
  let ordinary: CaseRow[];
  let whistleblower: CaseRow;
  let confidential: CaseRow;
  const times: string[] = [];
  const requests: Record<'dispatcherSupervision' | 'handler' | 'dispatcherNoPurpose', string> = {} as never;
  let handlerResponse: { data?: Record<string, any> | null; errors?: { path?: (string | number)[] }[] };

  async function events(filter: Record<string, unknown>, first = 100, after?: string): Promise<Page> {
    const res = await hub.gql<{ accessEvents: Page }>(EVENTS, { as: as.AUDITOR, variables: { filter, first, after } });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.accessEvents;
  }
  const nodes = async (filter: Record<string, unknown>) => (await events(filter)).edges.map((e) => e.node);
  const uuidOf = (c: CaseRow) => fromGlobalId('Case', c.id)!;

  /** Reads `cases` by id with aliases, as `who`; returns the gateway's request id. */
  async function read(who: Principal, purpose: 'SUPERVISION' | 'HANDLING' | undefined, cases: CaseRow[], selection: string) {
    const query = `query ReadCases(${cases.map((_, i) => `$id${i}: ID!`).join(', ')}) { ${cases.map((_, i) => `c${i}: case(id: $id${i}) { ${selection} }`).join(' ')} }`;
    const res = await hub.gql(query, { as: who, purpose, variables: Object.fromEntries(cases.map((c, i) => [`id${i}`, c.id])) });
    expect(res.status).toBe(200);
    return { body: res.body, requestId: res.headers.get('x-request-id')! };
  }

  beforeAll(async () => {
    hub = await startTestHub();
    // A unit with both a whistleblower's and a confidential caller's case, from the dispatcher's view.
    const pool = await hub.gql(`{ cases(first: 100) { edges { node { id leadUnit { id } caller { whistleblower confidential } } } } }`, { as: as.DISPATCHER });
    const all = pool.body.data!.cases.edges.map((e: { node: CaseRow }) => e.node) as CaseRow[];
    const unitId = [...new Set(all.map((c) => c.leadUnit?.id))].find(
      (u) => u && all.some((c) => c.leadUnit?.id === u && c.caller.whistleblower) && all.some((c) => c.leadUnit?.id === u && c.caller.confidential && !c.caller.whistleblower),
    )!;
    expect(unitId).toBeDefined();
    handler = { sub: 'hd-audit-test', role: 'HANDLER', unit: fromGlobalId('Unit', unitId)!, region: '141100' };
    const ofUnit = all.filter((c) => c.leadUnit?.id === unitId);
    whistleblower = ofUnit.find((c) => c.caller.whistleblower)!;
    confidential = ofUnit.find((c) => c.caller.confidential && !c.caller.whistleblower)!;
    ordinary = ofUnit.filter((c) => !c.caller.confidential && !c.caller.whistleblower).slice(0, 2);
    expect(ordinary).toHaveLength(2);

    // 10:10, 10:20, 10:30 China time: three reads by two principals (the lookup above read at 10:00).
    hub.clock.advanceMinutes(10);
    times.push(hub.clock.now().toISOString());
    requests.dispatcherSupervision = (await read(as.DISPATCHER, 'SUPERVISION', [ordinary[0]!, whistleblower], 'number caller { name phone }')).requestId;
    hub.clock.advanceMinutes(10);
    times.push(hub.clock.now().toISOString());
    const handlerRead = await read(handler, 'HANDLING', [ordinary[0]!, ordinary[1]!, whistleblower, confidential], 'caller { name phone idNumber }');
    requests.handler = handlerRead.requestId;
    handlerResponse = handlerRead.body;
    hub.clock.advanceMinutes(10);
    times.push(hub.clock.now().toISOString());
    requests.dispatcherNoPurpose = (await read(as.DISPATCHER, undefined, [ordinary[1]!], 'description')).requestId;
    hub.clock.advanceMinutes(10);
  });
  afterAll(() => hub.stop());

  it('records a handler\'s reads completely: N personal fields on K cases, N × K entries, denials included', async () => {
    const list = await nodes({ requestId: requests.handler });
    expect(list).toHaveLength(4);
    const byCase = new Map(list.map((e) => [e.subjectId, e]));
    const sorted = (fields: FieldAccess[]) => [...fields].sort((a, b) => a.path.localeCompare(b.path));
    const clear: FieldAccess[] = [
      { path: 'caller', decision: 'ALLOWED' },
      { path: 'caller.idNumber', decision: 'MASKED' },
      { path: 'caller.name', decision: 'ALLOWED' },
      { path: 'caller.phone', decision: 'ALLOWED' },
    ];
    const withheld: FieldAccess[] = [
      { path: 'caller', decision: 'ALLOWED' },
      { path: 'caller.idNumber', decision: 'DENIED' },
      { path: 'caller.name', decision: 'DENIED' },
      { path: 'caller.phone', decision: 'DENIED' },
    ];
    for (const c of ordinary) expect(sorted(byCase.get(uuidOf(c))!.fields)).toEqual(clear);
    for (const c of [whistleblower, confidential]) expect(sorted(byCase.get(uuidOf(c))!.fields)).toEqual(withheld);
    const personal = list.flatMap((e) => e.fields.filter((f) => f.path.startsWith('caller.')));
    expect(personal).toHaveLength(3 * 4);
    // What the handler was told matches what was recorded: the DENIED entries are the withheld paths.
    expect(handlerResponse.errors!.map((e) => e.path!.join('.')).sort()).toEqual(
      ['c2', 'c3'].flatMap((alias) => ['idNumber', 'name', 'phone'].map((f) => `${alias}.caller.${f}`)),
    );
    expect(handlerResponse.data!.c2.caller).toEqual({ name: null, phone: null, idNumber: null });
    expect(handlerResponse.data!.c0.caller.phone).toMatch(/^1\d{10}$/);
    expect(list.every((e) => e.principalId === 'hd-audit-test' && e.role === 'HANDLER' && e.unit === handler.unit && e.purpose === 'HANDLING' && e.chain === 'hotline')).toBe(true);
  });

  it('lists another principal\'s events by principal, newest first', async () => {
    const list = await nodes({ principalId: 'dp-zhaolei', from: times[0] });
    expect(list.map((e) => e.requestId)).toEqual([requests.dispatcherNoPurpose, requests.dispatcherSupervision, requests.dispatcherSupervision]);
    expect(list.map((e) => e.subjectId).slice(1).sort()).toEqual([uuidOf(ordinary[0]!), uuidOf(whistleblower)].sort());
    expect(list.every((e) => e.principalId === 'dp-zhaolei' && e.role === 'DISPATCHER')).toBe(true);
    expect(list.map((e) => e.at)).toEqual([times[2], times[0], times[0]]);
  });

  it('filters by case (its global id): every principal\'s reads of that case', async () => {
    const list = await nodes({ caseId: whistleblower.id, from: times[0] });
    expect(list.map((e) => e.principalId).sort()).toEqual(['dp-zhaolei', 'hd-audit-test']);
    expect(list.every((e) => e.caseId === whistleblower.id && e.subjectType === 'Case')).toBe(true);
  });

  it('filters by field, by decision, and by a field with a decision (the same entry)', async () => {
    const idNumber = await nodes({ field: 'caller.idNumber' });
    expect(idNumber.map((e) => e.requestId)).toEqual(Array(4).fill(requests.handler));
    const denied = await nodes({ decision: 'DENIED' });
    expect(denied.map((e) => e.subjectId).sort()).toEqual([uuidOf(whistleblower), uuidOf(confidential)].sort());
    const maskedIdNumbers = await nodes({ field: 'caller.idNumber', decision: 'MASKED' });
    expect(maskedIdNumbers.map((e) => e.subjectId).sort()).toEqual(ordinary.map(uuidOf).sort());
    // Those events read caller.phone (ALLOWED) and mask caller.idNumber: no entry is a masked phone.
    expect(await nodes({ field: 'caller.phone', decision: 'MASKED' })).toEqual([]);
    const description = await nodes({ field: 'description', from: times[0] });
    expect(description.map((e) => [e.requestId, e.purpose])).toEqual([[requests.dispatcherNoPurpose, null]]);
  });

  it('filters by purpose, by unit, by role and by period [from, to)', async () => {
    expect((await nodes({ purpose: 'SUPERVISION' })).map((e) => e.requestId)).toEqual(Array(2).fill(requests.dispatcherSupervision));
    expect((await nodes({ unit: handler.unit })).map((e) => e.requestId)).toEqual(Array(4).fill(requests.handler));
    expect((await nodes({ role: 'DISPATCHER', subjectType: 'Case', from: times[0] })).map((e) => e.principalId)).toEqual(Array(3).fill('dp-zhaolei'));
    const period = await nodes({ from: times[1], to: times[2], subjectType: 'Case' });
    expect(period.map((e) => e.requestId)).toEqual(Array(4).fill(requests.handler));
    expect(await nodes({ from: times[0], to: times[1], principalId: 'hd-audit-test' })).toEqual([]);
  });

  it('pages through with after, newest first, without overlap or gap', async () => {
    const all = (await events({ subjectType: 'Case', from: times[0] }, 100)).edges.map((e) => e.node);
    expect(all).toHaveLength(7);
    const paged: Event[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { edges, pageInfo } = await events({ subjectType: 'Case', from: times[0] }, 2, after);
      paged.push(...edges.map((e) => e.node));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor!;
    }
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
    const keys = all.map((e) => `${e.at}|${Buffer.from(e.id, 'base64').toString()}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  it('records each read of the log itself: subject AccessLog, the filter keys used, ALLOWED', async () => {
    const res = await hub.gql(EVENTS, { as: as.AUDITOR, purpose: 'AUDIT', variables: { filter: { principalId: 'dp-zhaolei', field: 'caller.phone' }, first: 5 } });
    expect(res.body.errors).toBeUndefined();
    const [own] = await nodes({ requestId: res.headers.get('x-request-id') });
    own!.fields.sort((a, b) => a.path.localeCompare(b.path));
    expect(own).toMatchObject({
      principalId: 'au-chenjing',
      role: 'AUDITOR',
      purpose: 'AUDIT',
      subjectType: 'AccessLog',
      subjectId: 'accessEvents',
      caseId: null,
      chain: 'audit',
      fields: [
        { path: 'filter.field', decision: 'ALLOWED' },
        { path: 'filter.principalId', decision: 'ALLOWED' },
      ],
    });
    const unfiltered = await hub.gql(EVENTS, { as: as.AUDITOR });
    const [whole] = await nodes({ requestId: unfiltered.headers.get('x-request-id') });
    expect(whole!.fields).toEqual([{ path: '*', decision: 'ALLOWED' }]);
  });

  it('costs two statements: the page, and the one INSERT of the auditor\'s own access event', async () => {
    await events({ principalId: 'dp-zhaolei' });
    const before = hub.statements.count;
    await events({ principalId: 'dp-zhaolei', decision: 'ALLOWED' });
    expect(hub.statements.count - before).toBe(2);
  });

  it('returns 50 events by default and refuses first > 100, a forged cursor, a foreign id and an empty period', async () => {
    for (let i = 0; i < 6; i++) await hub.gql(`{ cases(first: 10) { edges { node { number } } } }`, { as: as.DISPATCHER });
    const page = await hub.gql(`{ accessEvents { edges { node { id } } pageInfo { hasNextPage } } }`, { as: as.AUDITOR });
    expect(page.body.data!.accessEvents.edges).toHaveLength(50);
    expect(page.body.data!.accessEvents.pageInfo.hasNextPage).toBe(true);
    const bad = async (variables: Record<string, unknown>) => (await hub.gql(EVENTS, { as: as.AUDITOR, variables })).body.errors?.[0];
    expect(await bad({ first: 101 })).toMatchObject({ message: 'first: must be between 1 and 100 (got 101)', extensions: { code: 'BAD_USER_INPUT' } });
    expect(await bad({ after: 'not-a-cursor' })).toMatchObject({ message: 'after: is not a cursor returned by this API', extensions: { code: 'BAD_USER_INPUT' } });
    expect(await bad({ filter: { caseId: toGlobalId('Unit', uuidOf(ordinary[0]!)) } })).toMatchObject({
      message: 'filter.caseId: is not a Case id',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await bad({ filter: { from: times[1], to: times[0] } })).toMatchObject({ message: 'filter.to: must be after filter.from', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
