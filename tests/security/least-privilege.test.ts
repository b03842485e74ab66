import pg from 'pg';
import { ASSERTION_HEADER, mintAssertion } from '../../src/platform/identity/assertion';
import { loadOrCreateKeyPair } from '../../src/platform/identity/keys';
import type { Principal } from '../../src/platform/identity/principal';
import { startTestHub, type TestHub } from '../support/hub';
import { client, handlerOfLead, intake, M, ok, REGISTER, type Gql } from '../support/lifecycle';
import { as } from '../support/principals';

/**
 * Issue 4: every role does its job and nothing more. Rules come in pairs — a principal that may,
 * one that may not — asserting the exact fields and errors returned.
 */
describe('least privilege on rows and fields', () => {
  let hub: TestHub;
  let gql: Gql;
  let normal: { id: string; number: string };
  let whistleblower: { id: string };
  let confidential: { id: string };
  let handler: Principal;

  const CALLER = `query($id: ID!) { case(id: $id) { number title description address caller { name phone idNumber } } }`;

  beforeAll(async () => {
    hub = await startTestHub();
    gql = client(hub);
    const make = async (caller: Record<string, unknown>) => {
      const c = ok(await gql(REGISTER, { input: intake({ caller }) }, as.OPERATOR, 'INTAKE')).registerCase;
      return ok(await gql(M.dispatch, { id: c.id }, as.DISPATCHER)).dispatchCase;
    };
    const n = await make({ name: '张三丰', phone: '13812345678', idNumber: '11010519491231002X' });
    normal = n;
    whistleblower = await make({ name: '李举报', phone: '13900000001', whistleblower: true });
    confidential = await make({ name: '王保密', phone: '13900000002', confidential: true });
    handler = handlerOfLead(n);
  });
  afterAll(() => hub.stop());

  const pathsOf = (res: { body: { errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] } }) =>
    (res.body.errors ?? []).map((e) => `${e.path?.join('.')}:${e.extensions?.code}`).sort();

  describe('handling units', () => {
    it('may read the callers of cases dispatched to them in clear, for HANDLING; masked without a purpose', async () => {
      const clear = ok(await gql(CALLER, { id: normal.id }, handler, 'HANDLING')).case;
      expect(clear.caller).toEqual({ name: '张三丰', phone: '13812345678', idNumber: '1101**********002X' });
      expect(clear.address).toBe('吕梁市离石区滨河街道龙凤南路18号');
      const masked = ok(await gql(CALLER, { id: normal.id }, handler)).case;
      expect(masked.caller).toEqual({ name: '张*', phone: '138****5678', idNumber: '1101**********002X' });
      expect(masked.address).toBe('吕梁市离石区滨河街道***');
    });

    it('never see a whistleblower\'s identity or a confidential caller\'s contact — withheld on those paths only', async () => {
      const wb = await gql(CALLER, { id: whistleblower.id }, handler, 'HANDLING');
      expect(wb.body.data!.case.caller).toEqual({ name: null, phone: null, idNumber: null });
      expect(wb.body.data!.case.title).toBe('夜间施工噪音扰民');
      expect(pathsOf(wb)).toEqual(['case.caller.idNumber:FORBIDDEN', 'case.caller.name:FORBIDDEN', 'case.caller.phone:FORBIDDEN']);
      const conf = await gql(CALLER, { id: confidential.id }, handler, 'HANDLING');
      expect(conf.body.data!.case.caller).toEqual({ name: null, phone: null, idNumber: null });
      expect(pathsOf(conf)).toHaveLength(3);
      // The dispatcher, not a handling unit, still sees them (masked).
      expect(ok(await gql(CALLER, { id: whistleblower.id }, as.DISPATCHER)).case.caller.name).toBe('李*');
    });

    it('see nothing of another unit\'s cases', async () => {
      expect(ok(await gql(CALLER, { id: normal.id }, as.handlerOf('ll-edu'), 'HANDLING')).case).toBeNull();
    });
  });

  describe('a record outside the scope is indistinguishable from a missing one, by every path', () => {
    const outsiders: [string, Principal][] = [
      ['a dispatcher of another city', as.taiyuanDispatcher],
      ['a handler of another unit', as.handlerOf('ll-edu')],
      ['another vendor\'s operator', { sub: 'co-x', role: 'CONTRACT_OPERATOR', vendor: 'vendor-other', region: '141100' }],
      ['a partner the case is not shared with', { sub: 'ps-fire', role: 'PARTNER_SYSTEM', partner: 'fire119', region: '141100' }],
      ['an auditor', as.AUDITOR],
      ['an analyst', as.ANALYST],
    ];
    it.each(outsiders)('%s: by id, by number, by node, through aliases and list filters', async (_who, principal) => {
      const res = await gql(
        `query($id: ID!, $number: String!) {
          a: case(id: $id) { id caller { phone } }
          b: caseByNumber(number: $number) { id }
          c: node(id: $id) { id }
          d: cases(filter: { text: $number }) { edges { node { id } } }
          e: cases(filter: { region: "141102" }, first: 100) { edges { node { id } } }
        }`,
        { id: normal.id, number: normal.number },
        principal,
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data).toEqual({ a: null, b: null, c: null, d: { edges: [] }, e: expect.anything() });
      expect(res.body.data!.e.edges.map((x: { node: { id: string } }) => x.node.id)).not.toContain(normal.id);
    });

    it('through _entities on the subgraphs directly (with a valid gateway assertion for the outsider)', async () => {
      const keys = await loadOrCreateKeyPair(hub.dataDir, 'assertion');
      const call = async (subgraph: 'hotline' | 'exchange', query: string) => {
        const body = JSON.stringify({ query, variables: { reps: [{ __typename: 'Case', id: normal.id }] } });
        const assertion = await mintAssertion(keys.privateKey, {
          subgraph,
          body,
          ttlSeconds: 30,
          now: hub.clock.now(),
          principal: as.taiyuanDispatcher,
          purpose: undefined,
          requestId: 'test',
          clientAddress: undefined,
          operationName: undefined,
        });
        const response = await hub.subgraphs[subgraph](
          new Request(`http://${subgraph}.subgraph.internal/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', [ASSERTION_HEADER]: assertion }, body }),
        );
        return (await response.json()) as { data: { _entities: unknown[] } };
      };
      expect((await call('hotline', `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Case { number caller { phone } } } }`)).data._entities).toEqual([null]);
      // The emergency transfer of a case out of scope: the exchange answers with an empty list.
      const fire = ok(await gql(REGISTER, { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'FIRE_119', categoryCode: null }) }, as.OPERATOR, 'INTAKE')).registerCase;
      await hub.drainOutboxes();
      normal = { ...normal, id: fire.id };
      expect((await call('exchange', `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Case { transfers { id } } } }`)).data._entities).toEqual([{ transfers: [] }]);
      expect(ok(await gql(`query($id: ID!) { case(id: $id) { transfers { partner } } }`, { id: fire.id }, as.DISPATCHER)).case.transfers).toEqual([{ partner: 'fire119' }]);
      normal = { ...normal, id: (await gql(`query($n: String!) { caseByNumber(number: $n) { id } }`, { n: normal.number }, as.DISPATCHER)).body.data!.caseByNumber.id };
    });
  });

  describe('partners', () => {
    it('a partner agency reads shared cases with the minimum fields: no caller, no address, no units', async () => {
      // Demo petition referrals are shared with the petition bureau; it sees them and nothing else.
      const all = ok(await gql(`{ cases(first: 100) { edges { node { id channel } } } }`, {}, as.PARTNER_AGENCY)).cases.edges;
      expect(all.length).toBeGreaterThan(0);
      expect(all.every((e: { node: { channel: string } }) => e.node.channel === 'PETITION_REFERRAL')).toBe(true);
      const res = await gql(`query($id: ID!) { case(id: $id) { number status title description address caller { phone } leadUnit { name } } }`, { id: all[0].node.id }, as.PARTNER_AGENCY);
      expect(res.body.data!.case).toMatchObject({ number: expect.stringMatching(/^12345-/), status: expect.any(String), title: expect.any(String), address: null, caller: null, leadUnit: null });
      expect(pathsOf(res)).toEqual(['case.address:FORBIDDEN', 'case.caller:FORBIDDEN', 'case.leadUnit:FORBIDDEN']);
      // The matter itself: masked without a purpose, clear when working on it (TRANSFER).
      expect(res.body.data!.case.description).toBe('（内容已按权限隐去）');
      const working = await gql(`query($id: ID!) { case(id: $id) { description } }`, { id: all[0].node.id }, as.PARTNER_AGENCY, 'TRANSFER');
      expect(ok(working).case.description).not.toBe('（内容已按权限隐去）');
      expect(ok(working).case.description.length).toBeGreaterThan(10);
    });

    it('the 110 centre reads the caller\'s phone of cases transferred to it: masked without TRANSFER purpose, clear with it', async () => {
      const police = ok(await gql(REGISTER, { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'POLICE_110', categoryCode: null, caller: { name: '报警人', phone: '13600001234' } }) }, as.OPERATOR, 'INTAKE')).registerCase;
      const read = (purpose?: string) => gql(`query($id: ID!) { case(id: $id) { caller { phone } description } }`, { id: police.id }, as.PARTNER_SYSTEM, purpose);
      expect(ok(await read()).case.caller.phone).toBe('136****1234');
      expect(ok(await read('TRANSFER')).case.caller.phone).toBe('13600001234');
      expect(ok(await gql(`query($id: ID!) { case(id: $id) { id } }`, { id: police.id }, { sub: 'ps-fire', role: 'PARTNER_SYSTEM', partner: 'fire119', region: '141100' })).case).toBeNull();
    });
  });

  describe('auditors and analysts', () => {
    it('an auditor reads the access log, not case content; an analyst reads aggregates, not cases', async () => {
      expect(ok(await gql(`{ cases(first: 5) { edges { node { id } } } }`, {}, as.AUDITOR)).cases.edges).toEqual([]);
      expect(ok(await gql(`{ cases(first: 5) { edges { node { id } } } }`, {}, as.ANALYST)).cases.edges).toEqual([]);
      const stats = ok(await gql(`{ caseStats(filter: { from: "2026-01-01T00:00:00+08:00", to: "2027-01-01T00:00:00+08:00" }) { totals { cases } } }`, {}, as.ANALYST));
      expect(stats.caseStats.totals.cases).toBeGreaterThan(0);
      const events = ok(await gql(`{ accessEvents(first: 5) { edges { node { id principalId } } } }`, {}, as.AUDITOR)).accessEvents.edges;
      expect(events.length).toBeGreaterThan(0);
      const node = ok(await gql(`query($id: ID!) { node(id: $id) { id ... on AccessEvent { principalId } } }`, { id: events[0].node.id }, as.AUDITOR)).node;
      expect(node).toEqual({ id: events[0].node.id, principalId: events[0].node.principalId });
      expect(ok(await gql(`query($id: ID!) { node(id: $id) { id } }`, { id: events[0].node.id }, as.DISPATCHER)).node).toBeNull();
    });

    it('node(id:) of a transfer: its owner subgraph decides — out of region reads exactly like a missing transfer', async () => {
      const transfer = ok(await gql(`{ transfers(first: 1) { edges { node { id partner } } } }`, {}, as.DISPATCHER)).transfers.edges[0].node;
      const read = async (p: Principal, id: string) => {
        const res = await gql(`query($id: ID!) { node(id: $id) { ... on Transfer { partner } } }`, { id }, p);
        return { status: res.status, data: res.body.data, codes: (res.body.errors ?? []).map((e) => e.extensions?.code) };
      };
      expect(ok(await gql(`query($id: ID!) { node(id: $id) { ... on Transfer { partner } } }`, { id: transfer.id }, as.DISPATCHER)).node).toEqual({ partner: transfer.partner });
      const outOfScope = await read(as.taiyuanDispatcher, transfer.id);
      const missing = await read(as.taiyuanDispatcher, Buffer.from('Transfer:00000000-0000-4000-8000-000000000000').toString('base64'));
      expect(outOfScope.data).toEqual({ node: null });
      expect(outOfScope).toEqual(missing);
    });
  });

  describe('break-glass: revealCallerContact', () => {
    it('gives a handler the contact in clear, with a reason, recorded as such; refused for a whistleblower', async () => {
      const revealed = ok(await gql(M.reveal, { id: normal.id, reason: '需电话联系来电人核实施工地点' }, handler)).revealCallerContact;
      expect(revealed).toEqual({ name: '张三丰', phone: '13812345678' });
      const short = await gql(M.reveal, { id: normal.id, reason: '看看' }, handler);
      expect(short.body.errors?.[0]).toMatchObject({ message: 'reason: must be at least 10 characters', extensions: { code: 'BAD_USER_INPUT' } });
      const refused = await gql(M.reveal, { id: whistleblower.id, reason: '需电话联系来电人核实情况' }, handler);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const history = ok(await gql(M.get, { id: normal.id }, as.DISPATCHER)).case.events.edges.map((e: { node: { action: string; note: string } }) => e.node);
      expect(history).toContainEqual(expect.objectContaining({ action: 'revealCallerContact', note: '需电话联系来电人核实施工地点' }));
      const audit = ok(await gql(`{ accessEvents(filter: { principalId: "${handler.sub}", field: "caller.phone" }, first: 50) { edges { node { operation fields { path decision } } } } }`, {}, as.AUDITOR));
      expect(audit.accessEvents.edges.map((e: { node: { operation: string } }) => e.node.operation)).toContain('revealCallerContact');
    });
  });

  describe('the audit is part of the read path', () => {
    it('fails closed: when the access cannot be recorded, no personal data is returned', async () => {
      const owner = new pg.Client({ connectionString: hub.databaseUrl });
      await owner.connect();
      try {
        await owner.query('alter function audit.append_access_events(text, jsonb) rename to append_access_events_off');
        const res = await gql(CALLER, { id: normal.id }, handler, 'HANDLING');
        expect(res.body.data?.case ?? null).toBeNull();
        expect(res.body.errors?.[0]?.message).toBe('the access could not be recorded, so no data is returned; try again');
        expect(JSON.stringify(res.body)).not.toContain('13812345678');
      } finally {
        await owner.query('alter function audit.append_access_events_off(text, jsonb) rename to append_access_events');
        await owner.end();
      }
      expect(ok(await gql(CALLER, { id: normal.id }, handler, 'HANDLING')).case.caller.phone).toBe('13812345678');
    });

    it('fails closed for a change too: a mutation whose access cannot be recorded is rolled back', async () => {
      const c = ok(await gql(REGISTER, { input: intake() }, as.OPERATOR, 'INTAKE')).registerCase;
      const owner = new pg.Client({ connectionString: hub.databaseUrl });
      await owner.connect();
      try {
        await owner.query('alter function audit.append_access_events(text, jsonb) rename to append_access_events_off');
        const res = await gql(M.dispatch, { id: c.id }, as.DISPATCHER);
        expect(res.body.errors?.[0]?.message).toBe('the access could not be recorded, so no data is returned; try again');
      } finally {
        await owner.query('alter function audit.append_access_events_off(text, jsonb) rename to append_access_events');
        await owner.end();
      }
      expect(ok(await gql(M.get, { id: c.id }, as.DISPATCHER)).case.status).toBe('PENDING_DISPATCH');
    });
  });

  describe('the database backstop: the application role', () => {
    const asApp = async <T>(run: (c: pg.Client) => Promise<T>): Promise<T> => {
      const c = new pg.Client({ connectionString: hub.databaseUrl });
      await c.connect();
      try {
        await c.query('set role hub_app');
        return await run(c);
      } finally {
        await c.end();
      }
    };

    it('sees no case without a declared principal, and only the declared principal\'s cases with one (row-level security)', async () => {
      const none = await asApp((c) => c.query('select count(*)::int as n from hotline."case"'));
      expect(none.rows[0].n).toBe(0);
      const scoped = await asApp(async (c) => {
        await c.query('begin');
        await c.query(`select set_config('hub.role', 'DISPATCHER', true), set_config('hub.region', '140100', true)`);
        const r = await c.query(`select count(*)::int as n, count(*) filter (where not region_path @> array['140100'])::int as outside from hotline."case"`);
        await c.query('commit');
        return r.rows[0];
      });
      expect(scoped.n).toBeGreaterThan(0);
      expect(scoped.outside).toBe(0);
    });

    it('sees, role by role, exactly the cases of its declared scope', async () => {
      const owner = new pg.Client({ connectionString: hub.databaseUrl });
      await owner.connect();
      const truth = async (where: string, params: unknown[]) =>
        (await owner.query<{ id: string }>(`select id from hotline."case" where ${where} order by id`, params)).rows.map((r) => r.id);
      try {
        const some = (await owner.query(`select region_path[2] as city, assigned_unit_ids[1] as unit, vendor from hotline."case" where vendor is not null limit 1`)).rows[0];
        const partner = (await owner.query(`select shared_with[1] as p from hotline."case" where cardinality(shared_with) > 0 limit 1`)).rows[0]?.p ?? 'police110';
        const scopes: [string, Record<string, string>, string, unknown[]][] = [
          ['OPERATOR', { region: some.city }, 'region_path @> array[$1::text]', [some.city]],
          ['HANDLER', { unit: some.unit }, 'assigned_unit_ids @> array[$1::uuid]', [some.unit]],
          ['CONTRACT_OPERATOR', { vendor: some.vendor }, 'vendor = $1', [some.vendor]],
          // A partner's scope is its shares in its region: another city's account of the same partner sees none of them.
          ['PARTNER_AGENCY', { partner, region: '141100' }, 'shared_with @> array[$1::text] and region_path @> array[$2::text]', [partner, '141100']],
          ['PARTNER_SYSTEM', { partner: 'police110', region: '140100' }, 'shared_with @> array[$1::text] and region_path @> array[$2::text]', ['police110', '140100']],
          ['PARTNER_SYSTEM', { partner }, 'false', []],
          ['SYSTEM', {}, 'true', []],
          ['HANDLER', { unit: '' }, 'false', []],
          ['CONTRACT_OPERATOR', { vendor: '' }, 'false', []],
          ['NOBODY', { region: some.city }, 'false', []],
        ];
        for (const [role, settings, where, params] of scopes) {
          const seen = await asApp(async (c) => {
            await c.query('begin');
            await c.query(`select set_config('hub.role', $1, true)`, [role]);
            for (const [k, v] of Object.entries(settings)) await c.query(`select set_config($1, $2, true)`, [`hub.${k}`, v]);
            const r = await c.query<{ id: string }>('select id from hotline."case" order by id');
            await c.query('commit');
            return r.rows.map((x) => x.id);
          });
          const expected = await truth(where, params);
          expect([role, settings, seen]).toEqual([role, settings, expected]);
          if (where !== 'false') expect(expected.length).toBeGreaterThan(0);
        }
      } finally {
        await owner.end();
      }
    });

    it("answers a handler's page from the scope index, not by reading the case table (issue 7)", async () => {
      const owner = new pg.Client({ connectionString: hub.databaseUrl });
      await owner.connect();
      const unit = (await owner.query<{ unit: string }>(`select assigned_unit_ids[1] as unit from hotline."case" where cardinality(assigned_unit_ids) > 0 limit 1`)).rows[0]!.unit;
      await owner.end();
      const plan = await asApp(async (c) => {
        await c.query('begin');
        await c.query(`select set_config('hub.role', 'HANDLER', true), set_config('hub.unit', $1, true)`, [unit]);
        // The demo table is small enough for a sequential scan to be cheapest; forbid it to see
        // whether the policy *can* use an index (the CASE policy before could not, at any size).
        await c.query('set local enable_seqscan = off');
        const r = await c.query<{ 'QUERY PLAN': string }>('explain select id from hotline."case"');
        await c.query('commit');
        return r.rows.map((x) => x['QUERY PLAN']).join('\n');
      });
      expect(plan).toMatch(/case_scope_gin/);
    });

    it('cannot rewrite history or the access log, nor change the tables it uses', async () => {
      const attempts = [
        'update audit.access_event set principal_id = principal_id',
        'delete from audit.access_event',
        'truncate audit.access_event',
        `insert into audit.access_event (id) values (gen_random_uuid())`,
        'update hotline.case_event set note = note',
        'delete from hotline.case_event',
        'alter table hotline."case" disable row level security',
        'drop table hotline.outbox',
      ];
      for (const sql of attempts) {
        const error = await asApp((c) => c.query(sql).then(() => null, (e: Error & { code?: string }) => e));
        expect([sql, error?.code]).toEqual([sql, expect.stringMatching(/^(42501)$/)]);
      }
    });
  });
});
