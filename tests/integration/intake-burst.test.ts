import { startTestHub, type TestHub } from '../support/hub';
import { client, intake, ok, REGISTER } from '../support/lifecycle';
import { as } from '../support/principals';

/**
 * A burst of calls right after start-up, with far more requests in flight than the database pool
 * has connections (2 here). Each request holds one connection in its transaction; had the hotline's
 * configuration (settings, SLA profiles, calendar, model) been loaded on first use, every request
 * would wait for a second connection that no one frees. It is loaded at start and refreshed in the
 * background, so every call is registered.
 */
describe('a burst of intake on a small pool', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ env: { DATABASE_POOL_MAX: '2' } });
  });
  afterAll(() => hub.stop());

  it('twenty calls at once are all registered, each once, with twenty consecutive numbers', async () => {
    const gql = client(hub);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        gql(REGISTER, { input: intake({ title: `并发来电 ${i}`, idempotencyKey: `burst-${i}`, caller: { name: '王五', phone: `1370000${String(1000 + i)}`, callbackConsent: true } }) }, as.OPERATOR, 'INTAKE'),
      ),
    );
    const numbers = answers.map((a) => ok(a).registerCase.number as string);
    expect(new Set(numbers).size).toBe(20);
    // One city, one day: none failed, so the numbers leave no gap (case-numbers.ts).
    expect(new Set(numbers.map((n) => n.slice(0, -7))).size).toBe(1);
    const sequence = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(sequence).toEqual(Array.from({ length: 20 }, (_, i) => sequence[0]! + i));
    const [{ n }] = (await hub.orms.hotline.em.getConnection().execute(`select count(*)::int as n from hotline."case" where title like '并发来电 %'`)) as { n: number }[];
    expect(n).toBe(20);
  });
});
