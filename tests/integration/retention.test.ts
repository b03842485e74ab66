import { startTestHub, type TestHub } from '../support/hub';
import { client, ok, type Gql } from '../support/lifecycle';
import { as } from '../support/principals';

/** Issue 4, point 9: caller contact data is erased a configured time after a case closes, and the erasure is recorded. */
describe('personal-data retention', () => {
  let hub: TestHub;
  let gql: Gql;
  beforeAll(async () => {
    hub = await startTestHub();
    gql = client(hub);
  });
  afterAll(() => hub.stop());

  const sql = async (query: string, params: unknown[] = []) => (await hub.orms.hotline.em.getConnection().execute(query, params)) as Record<string, any>[];

  it('erases the contact data of cases closed longer than the retention period, once, and records it', async () => {
    // The demo history reaches three years back: what closed more than a year ago goes first.
    while ((await hub.runRetention()).anonymised > 0);
    const yearAgo = new Date(hub.clock.now().getTime() - 365 * 86_400_000);
    const [stillOld] = await sql(`select count(*)::int as n from hotline."case" where closed_at < ? and caller_phone is not null`, [yearAgo]);
    expect(stillOld!.n).toBe(0);
    const [closed] = await sql(`select id, number from hotline."case" where status = 'CLOSED' and caller_phone is not null order by closed_at desc limit 1`);
    const [open] = await sql(`select id from hotline."case" where status = 'DISPATCHED' and caller_phone is not null limit 1`);
    expect(await hub.runRetention()).toEqual({ anonymised: 0, skipped: false });

    hub.clock.advanceDays(366);
    let first = 0;
    for (let n = (await hub.runRetention()).anonymised; n > 0; n = (await hub.runRetention()).anonymised) first += n;
    expect(first).toBeGreaterThan(0);
    const [after] = await sql(`select caller_name, caller_phone, caller_id_number, caller_phone_hash, address, anonymised_at from hotline."case" where id = ?`, [closed!.id]);
    expect(after).toMatchObject({ caller_name: null, caller_phone: null, caller_id_number: null, caller_phone_hash: null });
    expect(after!.address).toMatch(/\*\*\*$/);
    expect(after!.anonymised_at).not.toBeNull();
    const [untouched] = await sql(`select caller_phone, anonymised_at from hotline."case" where id = ?`, [open!.id]);
    expect(untouched).toMatchObject({ caller_phone: expect.any(String), anonymised_at: null });
    const history = await sql(`select action, actor_id from hotline.case_event where case_id = ? and action = 'anonymiseContact'`, [closed!.id]);
    expect(history).toEqual([{ action: 'anonymiseContact', actor_id: 'system:retention' }]);
    // The case itself stays readable, without the person.
    const read = ok(await gql(`query($n: String!) { caseByNumber(number: $n) { status caller { name phone } } }`, { n: closed!.number }, as.DISPATCHER, 'SUPERVISION'));
    expect(read.caseByNumber).toEqual({ status: 'CLOSED', caller: { name: null, phone: null } });
    hub.clock.set(new Date('2026-11-27T10:00:00+08:00'));
  });
});
