import { startTestHub, type TestHub } from '../support/hub';
import { client, errorOf, intake, ok, REGISTER, type Gql } from '../support/lifecycle';
import { as } from '../support/principals';

/** 66号 (二): every disposition at intake, idempotent registration, the callback queue. */
describe('intake and disposition', () => {
  let hub: TestHub;
  let gql: Gql;
  beforeAll(async () => {
    hub = await startTestHub();
    gql = client(hub);
  });
  afterAll(() => hub.stop());

  const register = async (overrides: Record<string, unknown>, principal = as.OPERATOR) =>
    ok(await gql(REGISTER, { input: intake(overrides) }, principal, 'INTAKE')).registerCase;

  it('TRANSFER_EMERGENCY: transferred out at once, shared with the line, and a transfer to it is created', async () => {
    const c = await register({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'FIRE_119', categoryCode: null, title: '小区楼道起火', description: '来电人称小区3号楼楼道有明火，浓烟很大，已有人被困。', urgency: 'VERY_URGENT' });
    expect(c).toMatchObject({ status: 'TRANSFERRED_OUT', disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'FIRE_119' });
    expect(await hub.drainOutboxes()).toBeGreaterThan(0);
    const res = ok(await gql(`query($id: ID!) { case(id: $id) { transfers { partner direction status } } }`, { id: c.id }, as.DISPATCHER));
    expect(res.case.transfers).toEqual([{ partner: 'fire119', direction: 'OUTBOUND', status: 'PENDING' }]);
    // Redelivering the same events creates nothing twice.
    await hub.drainOutboxes();
    expect(ok(await gql(`query($id: ID!) { case(id: $id) { transfers { id } } }`, { id: c.id }, as.DISPATCHER)).case.transfers).toHaveLength(1);
  });

  it('INFORM_LEGAL_ROUTE and EXPLAIN record the route or the reason; each is required with its disposition only', async () => {
    const informed = await register({ disposition: 'INFORM_LEGAL_ROUTE', legalRoute: 'ARBITRATION', categoryCode: '0203' });
    expect(informed).toMatchObject({ status: 'INFORMED_LEGAL_ROUTE', legalRoute: 'ARBITRATION' });
    const explained = await register({ disposition: 'EXPLAIN', explainReason: '来电要求查询他人住址，涉及个人信息，依法不予提供。' });
    expect(explained).toMatchObject({ status: 'EXPLAINED', explainReason: '来电要求查询他人住址，涉及个人信息，依法不予提供。' });
    const missing = await gql(REGISTER, { input: intake({ disposition: 'INFORM_LEGAL_ROUTE' }) }, as.OPERATOR, 'INTAKE');
    expect(errorOf(missing)).toMatchObject({ code: 'BAD_USER_INPUT', message: 'input.legalRoute: is required with disposition INFORM_LEGAL_ROUTE' });
    const misplaced = await gql(REGISTER, { input: intake({ emergencyLine: 'POLICE_110' }) }, as.OPERATOR, 'INTAKE');
    expect(errorOf(misplaced).message).toBe('input.emergencyLine: is only for disposition TRANSFER_EMERGENCY');
  });

  it('REFER_POLICE_MALICIOUS: referred, and the number is flagged on the malicious-caller list at the next call', async () => {
    const referred = await register({ disposition: 'REFER_POLICE_MALICIOUS', caller: { name: '某某', phone: '13700009999' }, categoryCode: null });
    expect(referred.status).toBe('REFERRED_POLICE');
    const next = await register({ caller: { name: '某某', phone: '+86 137-0000-9999' } });
    expect(next.caller.maliciousListed).toBe(true);
    const other = await register({ caller: { name: '路人', phone: '13700008888' } });
    expect(other.caller.maliciousListed).toBe(false);
  });

  it('HANDLE with an answer from the knowledge base: answered directly, no dispatch', async () => {
    const hits = ok(await gql(`{ searchKnowledge(text: "供暖什么时候开始") { id title stale } }`, {}, as.OPERATOR)).searchKnowledge;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0].title).toMatch(/供暖/);
    const answered = await register({ type: 'CONSULTATION', categoryCode: '0804', answer: { knowledgeItemId: hits[0].id, text: '本市供暖期为11月1日至次年3月31日。' } });
    expect(answered).toMatchObject({ status: 'ANSWERED_DIRECTLY', answerText: '本市供暖期为11月1日至次年3月31日。', leadUnit: null });
  });

  it('idempotency: a retry returns the same case; the key with another payload is a CONFLICT; concurrent retries make one case', async () => {
    const input = intake({ idempotencyKey: 'call-20261127-0001' });
    const first = ok(await gql(REGISTER, { input }, as.OPERATOR, 'INTAKE')).registerCase;
    const retry = ok(await gql(REGISTER, { input }, as.OPERATOR, 'INTAKE')).registerCase;
    expect(retry.id).toBe(first.id);
    const other = await gql(REGISTER, { input: { ...input, title: '另一件事' } }, as.OPERATOR, 'INTAKE');
    expect(errorOf(other)).toMatchObject({ code: 'CONFLICT', message: 'input.idempotencyKey was already used for a different registration' });
    const racing = intake({ idempotencyKey: 'call-20261127-0002' });
    const results = await Promise.all(Array.from({ length: 5 }, () => gql(REGISTER, { input: racing }, as.OPERATOR, 'INTAKE')));
    const ids = new Set(results.map((r) => ok(r).registerCase.id));
    expect(ids.size).toBe(1);
  });

  it('case numbers are unique, readable and sequential per city and day', async () => {
    const a = await register({});
    const b = await register({});
    const seq = (n: string) => Number(n.slice(-6));
    expect(a.number.slice(0, 21)).toBe(b.number.slice(0, 21));
    expect(seq(b.number)).toBe(seq(a.number) + 1);
  });

  it('desks and channels: the enterprise desk and a third-party operator\'s intake carry through; the vendor comes from the token', async () => {
    const c = await register({ desk: 'ENTERPRISE', channel: 'MINI_PROGRAM', caller: { name: '某公司', phone: '13811112222', enterpriseCode: '91141100MA0KXXXX1X' } }, as.CONTRACT_OPERATOR);
    const read = ok(await gql(`query($id: ID!) { case(id: $id) { desk channel caller { enterpriseCode } } }`, { id: c.id }, as.CONTRACT_OPERATOR, 'INTAKE')).case;
    expect(read).toEqual({ desk: 'ENTERPRISE', channel: 'MINI_PROGRAM', caller: { enterpriseCode: '91141100MA0KXXXX1X' } });
    // A contract operator cannot file a 110 transfer as if it came from 110.
    const forged = await gql(REGISTER, { input: intake({ channel: 'TRANSFER_110' }) }, as.CONTRACT_OPERATOR, 'INTAKE');
    expect(errorOf(forged).code).toBe('FORBIDDEN');
  });

  it('missed calls wait in the callback queue until called back', async () => {
    const recorded = ok(
      await gql(`mutation($input: MissedCallInput!) { recordMissedCall(input: $input) { id status phone } }`, { input: { phone: '13912345678', calledAt: '2026-11-27T09:55:00+08:00', line: '12345', region: '141102' } }, as.OPERATOR, 'INTAKE'),
    ).recordMissedCall;
    expect(recorded).toMatchObject({ status: 'PENDING', phone: '13912345678' });
    const queue = async () => ok(await gql(`{ missedCalls { edges { node { id phone } } } }`, {}, as.OPERATOR, 'INTAKE')).missedCalls.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await queue()).toContain(recorded.id);
    // Without a purpose that justifies it, the number is masked.
    const masked = ok(await gql(`{ missedCalls { edges { node { id phone } } } }`, {}, as.OPERATOR)).missedCalls.edges.find((e: { node: { id: string } }) => e.node.id === recorded.id);
    expect(masked.node.phone).toBe('139****5678');
    const c = await register({ channel: 'MISSED_CALL_CALLBACK', missedCallId: recorded.id, caller: { phone: '13912345678', name: '回拨用户' } });
    expect(c.status).toBe('PENDING_DISPATCH');
    expect(await queue()).not.toContain(recorded.id);
  });

  it('a contract operator sees contact data during the call only', async () => {
    const c = await register({ caller: { name: '赵六', phone: '13655556666' } }, as.CONTRACT_OPERATOR);
    const read = async () => ok(await gql(`query($id: ID!) { case(id: $id) { caller { name phone } } }`, { id: c.id }, as.CONTRACT_OPERATOR, 'INTAKE')).case.caller;
    expect(await read()).toEqual({ name: '赵六', phone: '13655556666' });
    hub.clock.advanceMinutes(31);
    expect(await read()).toEqual({ name: '赵*', phone: '136****6666' });
    hub.clock.set(new Date('2026-11-27T10:00:00+08:00'));
  });
});
