import { startTestHub, type TestHub } from '../support/hub';
import { client, errorOf, intake, M, ok, REGISTER, type Gql } from '../support/lifecycle';
import { as } from '../support/principals';

/** The working-day calendar is data: 2027 is not in the package, so deadlines into it are refused until an administrator loads it. */
describe('loading next year\'s holidays', () => {
  let hub: TestHub;
  let gql: Gql;
  beforeAll(async () => {
    hub = await startTestHub();
    gql = client(hub);
    hub.clock.set(new Date('2026-12-28T10:00:00+08:00'));
  });
  afterAll(() => hub.stop());

  const HOLIDAYS_2027 = [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-02', name: '元旦' },
    { date: '2027-01-03', name: '元旦' },
  ];
  const LOAD = `mutation($holidays: [CalendarDayInput!]!) { loadCalendarYear(year: 2027, holidays: $holidays, workdays: [], source: "国办发明电〔2026〕演示") { years missing } }`;

  it('refuses a deadline that needs 2027 until the year is loaded, then counts its holidays', async () => {
    expect(ok(await gql(`{ calendarCoverage { years missing } }`, {}, as.ADMIN)).calendarCoverage.missing).toEqual([2027]);
    const c = ok(await gql(REGISTER, { input: intake() }, as.OPERATOR, 'INTAKE')).registerCase;
    const refused = await gql(M.dispatch, { id: c.id }, as.DISPATCHER);
    expect(errorOf(refused)).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', message: expect.stringMatching(/does not cover 2027; an administrator loads/) });
    expect(ok(await gql(M.get, { id: c.id }, as.DISPATCHER)).case.status).toBe('PENDING_DISPATCH');

    expect(errorOf(await gql(LOAD, { holidays: HOLIDAYS_2027 }, as.DISPATCHER)).code).toBe('FORBIDDEN');
    expect(errorOf(await gql(LOAD, { holidays: [{ date: '2026-01-01' }] }, as.ADMIN)).message).toBe('holidays[0].date: must be in 2027');
    expect(ok(await gql(LOAD, { holidays: HOLIDAYS_2027 }, as.ADMIN)).loadCalendarYear.missing).toEqual([]);

    const dispatched = ok(await gql(M.dispatch, { id: c.id }, as.DISPATCHER)).dispatchCase;
    // Monday 28 Dec + 5 working days: 29, 30, 31 Dec, (1–3 Jan holiday), 4, 5 Jan → end of Tuesday 5 Jan 2027.
    expect(dispatched.dueAt).toBe(new Date('2027-01-06T00:00:00+08:00').toISOString());
  });
});
