import { fromGlobalId } from '../../src/platform/graphql/ids';
import { startTestHub, type TestHub } from '../support/hub';
import { client, errorOf, handlerOfLead, intake, M, ok, REGISTER, registeredAndDispatched, type Gql } from '../support/lifecycle';
import { as } from '../support/principals';

/**
 * Bad inputs and forbidden moves: each answers with its error code and a message naming the field
 * or the rule — and leaves the database exactly as it was.
 */
describe('lifecycle refusals leave nothing half-written', () => {
  let hub: TestHub;
  let gql: Gql;
  beforeAll(async () => {
    hub = await startTestHub();
    gql = client(hub);
  });
  afterAll(() => hub.stop());

  const execute = (sql: string, params: unknown[] = []) => hub.orms.hotline.em.getConnection().execute(sql, params);
  const counts = async () => {
    const [row] = (await execute(
      `select (select count(*) from hotline."case")::int as cases, (select count(*) from hotline.case_event)::int as events,
              (select count(*) from hotline.outbox)::int as outbox, (select coalesce(sum(version), 0) from hotline."case")::int as versions`,
    )) as Record<string, number>[];
    return row;
  };

  async function expectUnchanged(run: () => Promise<unknown>) {
    const before = await counts();
    await run();
    expect(await counts()).toEqual(before);
  }

  it.each([
    ['no category for a case to dispatch', { categoryCode: null }, 'input.categoryCode: is required to dispatch the case (disposition HANDLE)'],
    ['an unknown category', { categoryCode: '9999' }, 'input.categoryCode: 9999 is not in the classification catalog'],
    ['nobody calling', { caller: { callbackConsent: true } }, 'input.caller: who is calling: give a name or a phone number, or mark the caller anonymous'],
    ['no place', { address: null, township: null }, 'input.address: where it happened is required to dispatch the case (or give input.township)'],
    ['a region of another platform', { region: '110105', township: null }, 'input.region: 110105 is not a city or district of this platform'],
    ['a township of another district', { township: '141125100' }, 'input.township: 141125100 is not a township or street of 141102'],
    ['a bad phone number', { caller: { phone: '12' } }, 'input.caller.phone: must be a phone number of 7 to 15 digits'],
    ['an ID number with a wrong check digit', { caller: { name: '张三', idNumber: '141102199001011234' } }, 'input.caller.idNumber: has an invalid check digit'],
    ['an empty title', { title: '   ' }, 'input.title: is required'],
  ])('intake refuses %s (BAD_USER_INPUT) and writes nothing', async (_name, overrides, message) => {
    await expectUnchanged(async () => {
      const res = await gql(REGISTER, { input: intake(overrides) }, as.OPERATOR, 'INTAKE');
      expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', message });
    });
  });

  it('never pushes a line department\'s item down to a street office, and names the rule', async () => {
    const registered = ok(await gql(REGISTER, { input: intake() }, as.OPERATOR, 'INTAKE')).registerCase;
    const units = ok(await gql(`{ units(region: "141102") { id name kind } }`, {}, as.DISPATCHER)).units as { id: string; name: string; kind: string }[];
    const street = units.find((u) => u.kind === 'STREET_OFFICE')!;
    await expectUnchanged(async () => {
      const res = await gql(M.dispatch, { id: registered.id, lead: street.id }, as.DISPATCHER);
      expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', message: `leadUnitId: category 0104 (建筑施工扰民) is a line department's item (条线事项) and cannot be dispatched down to ${street.name}` });
    });
    // A street-level matter may go to the street office.
    const litter = ok(await gql(REGISTER, { input: intake({ categoryCode: '0902', title: '小区垃圾清运不及时' }) }, as.OPERATOR, 'INTAKE')).registerCase;
    expect(ok(await gql(M.dispatch, { id: litter.id, lead: street.id }, as.DISPATCHER)).dispatchCase.leadUnit.name).toBe(street.name);
  });

  it('refuses a unit that does not serve the case\'s region', async () => {
    const registered = ok(await gql(REGISTER, { input: intake() }, as.OPERATOR, 'INTAKE')).registerCase;
    const taiyuan = ok(await gql(`{ units(region: "140100") { id name kind } }`, {}, as.DISPATCHER)).units.find((u: { kind: string }) => u.kind === 'LINE_DEPARTMENT');
    await expectUnchanged(async () => {
      const res = await gql(M.dispatch, { id: registered.id, lead: taiyuan.id }, as.DISPATCHER);
      expect(errorOf(res).message).toMatch(/^leadUnitId: .* serves region 1401\d\d, not the case's region 141102$/);
    });
  });

  it('a double sign is an INVALID_TRANSITION with from and to', async () => {
    const dispatched = await registeredAndDispatched(gql);
    const handler = handlerOfLead(dispatched);
    ok(await gql(M.sign, { id: dispatched.id }, handler));
    await expectUnchanged(async () => {
      const res = await gql(M.sign, { id: dispatched.id }, handler);
      expect(errorOf(res)).toMatchObject({ code: 'INVALID_TRANSITION', extensions: { from: 'SIGNED', to: 'SIGNED' } });
    });
  });

  it('a stale version is a CONFLICT', async () => {
    const dispatched = await registeredAndDispatched(gql);
    const handler = handlerOfLead(dispatched);
    // Someone else changes the case after the handler loaded it.
    ok(await gql(M.supervise, { id: dispatched.id, kind: 'REMINDER', note: '请尽快签收' }, as.DISPATCHER));
    await expectUnchanged(async () => {
      const res = await gql(M.sign, { id: dispatched.id, v: dispatched.version }, handler);
      expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', message: `the case changed since version ${dispatched.version} (it is at version ${dispatched.version + 1}); reload it and try again` });
    });
    expect(ok(await gql(M.sign, { id: dispatched.id, v: dispatched.version + 1 }, handler)).signCase.status).toBe('SIGNED');
  });

  it('the right role on the actual record: FORBIDDEN for the wrong role, NOT_FOUND outside the scope', async () => {
    const dispatched = await registeredAndDispatched(gql);
    const lead = handlerOfLead(dispatched);
    const coUnit = { ...lead, sub: 'hd-co', unit: fromGlobalId('Unit', dispatched.coUnits[0].id)! };
    await expectUnchanged(async () => {
      expect(errorOf(await gql(M.dispatch, { id: dispatched.id }, lead)).code).toBe('FORBIDDEN');
      expect(errorOf(await gql(M.reply, { id: dispatched.id, result: 'RESOLVED', text: '协办单位越权答复。' }, coUnit)).code).toBe('FORBIDDEN');
      expect(errorOf(await gql(M.supervise, { id: dispatched.id, kind: 'REMINDER', note: '催办一下' }, as.CONTRACT_OPERATOR)).code).toBe('NOT_FOUND');
      expect(errorOf(await gql(M.dispatch, { id: dispatched.id }, as.CONTRACT_OPERATOR)).code).toBe('NOT_FOUND');
      expect(errorOf(await gql(M.sign, { id: dispatched.id }, as.taiyuanDispatcher)).code).toBe('NOT_FOUND');
      expect(errorOf(await gql(M.sign, { id: dispatched.id }, as.handlerOf('ll-edu'))).code).toBe('NOT_FOUND');
    });
    // A co-unit signs its own part: the case waits for the lead unit's signature, which is the unit's response.
    const coSigned = ok(await gql(`mutation($id: ID!) { signCase(caseId: $id) { status signedAt coUnitWork { unit { id } signedAt } } }`, { id: dispatched.id }, coUnit)).signCase;
    expect(coSigned).toMatchObject({ status: 'DISPATCHED', signedAt: null, coUnitWork: [{ unit: { id: dispatched.coUnits[0].id }, signedAt: expect.any(String) }] });
    expect(ok(await gql(M.sign, { id: dispatched.id }, lead)).signCase.status).toBe('SIGNED');
  });
});
