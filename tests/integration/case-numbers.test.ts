import { createCaseNumbers, type CaseNumbers } from '../../src/hotline/case-numbers';
import { APP_ROLE } from '../../src/platform/db/app-role';
import { createLogger } from '../../src/platform/logging';
import { startTestHub, type TestHub } from '../support/hub';
import { client, intake, ok, REGISTER } from '../support/lifecycle';
import { as } from '../support/principals';

/**
 * Case numbers are taken outside the registering transaction (issue 7): unique across processes,
 * consecutive while registrations succeed, and a registration that fails after taking its number
 * leaves a documented gap — never a duplicate.
 */
describe('case numbers', () => {
  let hub: TestHub;
  const allocators: CaseNumbers[] = [];
  const log = createLogger({ level: 'silent' });
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    for (const a of allocators) await a.close();
    await hub.stop();
  });
  const allocator = () => {
    const a = createCaseNumbers({ connectionString: hub.databaseUrl, role: APP_ROLE, log });
    allocators.push(a);
    return a;
  };

  it('two processes drawing at once get every number of the day once, with no gap', async () => {
    const [a, b] = [allocator(), allocator()];
    const drawn = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).next('12345-999900-20261127')));
    expect([...drawn].sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    // Another day (or city) counts on its own.
    expect(await a.next('12345-999900-20261128')).toBe(1);
    expect(await b.next('12345-999900-20261127')).toBe(61);
  });

  it('concurrent retries with one key make one case; a number a losing retry took is never handed out again', async () => {
    const gql = client(hub);
    const racing = intake({ idempotencyKey: 'numbers-race-1', caller: { name: '赵六', phone: '13700009999', callbackConsent: true } });
    const answers = await Promise.all(Array.from({ length: 8 }, () => gql(REGISTER, { input: racing }, as.OPERATOR, 'INTAKE')));
    const cases = answers.map((a) => ok(a).registerCase as { id: string; number: string });
    expect(new Set(cases.map((c) => c.id)).size).toBe(1);
    // The losers wrote nothing: no history or message of a case that does not exist, one case for the key.
    const sql = (q: string) => hub.orms.hotline.em.getConnection().execute(q) as Promise<{ n: number }[]>;
    expect((await sql(`select count(*)::int as n from hotline.case_event e where not exists (select 1 from hotline."case" c where c.id = e.case_id)`))[0]!.n).toBe(0);
    expect((await sql(`select count(*)::int as n from hotline.outbox o where o.topic = 'case.changed' and not exists (select 1 from hotline."case" c where c.id::text = o.key)`))[0]!.n).toBe(0);
    expect((await sql(`select count(*)::int as n from hotline."case" where idempotency_key like '%:numbers-race-1'`))[0]!.n).toBe(1);
    const next = ok(await gql(REGISTER, { input: intake({ idempotencyKey: 'numbers-race-2' }) }, as.OPERATOR, 'INTAKE')).registerCase.number as string;
    const seq = (n: string) => Number(n.slice(-6));
    expect(seq(next)).toBeGreaterThan(seq(cases[0]!.number));
    // Every number taken so far is at most the counter; the stored ones are distinct.
    const prefix = next.slice(0, -7);
    const [{ last, stored, distinct }] = (await hub.orms.hotline.em.getConnection().execute(
      `select (select last from hotline.case_number_counter where prefix = ?) as last,
              count(*)::int as stored, count(distinct number)::int as distinct
         from hotline."case" where number like ?`,
      [prefix, `${prefix}-%`],
    )) as { last: number; stored: number; distinct: number }[];
    expect(distinct).toBe(stored);
    expect(last).toBe(seq(next));
  });
});
