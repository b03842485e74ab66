import type { Principal } from '../../src/platform/identity/principal';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub';
import { as } from '../support/principals';

const POLICE_A: Principal = { sub: 'p110-a', role: 'PARTNER_SYSTEM', partner: 'police110', region: '141100' };
const POLICE_B: Principal = { sub: 'p110-b', role: 'PARTNER_SYSTEM', partner: 'police110', region: '141100' };
const PETITION: Principal = { sub: 'pet-a', role: 'PARTNER_SYSTEM', partner: 'petition', region: '141100' };

/**
 * Rate limits (issue 9, point 5): per principal and per partner, counted in PostgreSQL so that every
 * gateway process draws from the same budget, answered RATE_LIMITED with a retry hint. The budgets
 * here are tiny (3 per principal, 4 per partner, 5 for petition; 60 s windows) and time is the hub's
 * manual clock.
 */
describe('rate limits', () => {
  let hub: TestHub;
  let second: TestHub;
  const env = { RATE_LIMIT_PER_PRINCIPAL: '3', RATE_LIMIT_PER_PARTNER: '4', RATE_LIMIT_PARTNERS: 'petition=5', RATE_LIMIT_WINDOW_SECONDS: '60' };
  beforeAll(async () => {
    hub = await startTestHub({ env });
    // A second gateway process on the same database: the budgets are shared.
    second = await startTestHub({ env, database: hub.database });
  });
  afterAll(async () => {
    await second.stop();
    await hub.stop();
  });

  const QUERY = '{ categories { code } }';
  const ok = (res: GraphQLResponse) => expect(res.body.errors).toBeUndefined();
  const limited = (res: GraphQLResponse) => {
    expect(res.status).toBe(429);
    expect(res.body.data ?? null).toBeNull();
    const [error] = res.body.errors!;
    expect(error!.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(error!.extensions!.retryAfter).toBeGreaterThanOrEqual(1);
    expect(error!.extensions!.retryAfter).toBeLessThanOrEqual(60);
    expect(res.headers.get('retry-after')).toBe(String(error!.extensions!.retryAfter));
    return error!;
  };

  it('a principal gets its budget, then RATE_LIMITED with the seconds until the window ends, and no subgraph is called', async () => {
    // Two minutes past a window boundary, so the retry hint is exactly known.
    hub.clock.set(new Date('2026-11-27T10:02:00+08:00'));
    for (let i = 0; i < 3; i++) ok(await hub.gql(QUERY, { as: as.DISPATCHER }));
    hub.clock.advance(15_000);
    const calls = await hub.metric('hub_subgraph_requests_total');
    const error = limited(await hub.gql(QUERY, { as: as.DISPATCHER }));
    expect(error.extensions!.retryAfter).toBe(45);
    expect(error.message).toBe('your request budget is used up; retry in 45 s');
    expect(await hub.metric('hub_subgraph_requests_total')).toBe(calls);
    expect(await hub.metric('hub_rate_limited_total', { scope: 'principal' })).toBeGreaterThanOrEqual(1);
  });

  it('another principal has its own budget', async () => {
    ok(await hub.gql(QUERY, { as: as.OPERATOR }));
  });

  it('the budget is shared by every gateway process (counted in PostgreSQL)', async () => {
    second.clock.set(hub.clock.now());
    limited(await second.gql(QUERY, { as: as.DISPATCHER }));
    ok(await second.gql(QUERY, { as: as.OPERATOR }));
    ok(await hub.gql(QUERY, { as: as.OPERATOR }));
    limited(await second.gql(QUERY, { as: as.OPERATOR }));
  });

  it('a new window brings a new budget', async () => {
    hub.clock.advance(60_000);
    ok(await hub.gql(QUERY, { as: as.DISPATCHER }));
  });

  it("a partner's accounts share the partner's budget (4), each within its own (3)", async () => {
    hub.clock.set(new Date('2026-11-27T11:00:00+08:00'));
    for (let i = 0; i < 3; i++) ok(await hub.gql(QUERY, { as: POLICE_A }));
    ok(await hub.gql(QUERY, { as: POLICE_B }));
    const error = limited(await hub.gql(QUERY, { as: POLICE_B }));
    expect(error.message).toBe("your organisation's (police110) request budget is used up; retry in 60 s");
    expect(await hub.metric('hub_rate_limited_total', { scope: 'partner' })).toBeGreaterThanOrEqual(1);
  });

  it('a partner with its own budget (RATE_LIMIT_PARTNERS) is not limited by the default one', async () => {
    const accounts = Array.from({ length: 3 }, (_, i): Principal => ({ ...PETITION, sub: `pet-${i}` }));
    for (let i = 0; i < 5; i++) ok(await hub.gql(QUERY, { as: accounts[i % 3]! }));
    limited(await hub.gql(QUERY, { as: accounts[2]! }));
  });
});
