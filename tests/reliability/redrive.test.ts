import { client, intake, ok, REGISTER } from '../support/lifecycle';
import { as } from '../support/principals';
import { hubWith110, settle } from '../e2e/police110-roundtrip/support';

/** Dead-lettering after the last attempt, shown on the transfer, and redriveTransfer (issue 5, point 2). */
test('a transfer dead-lettered after its attempts is redriven by a dispatcher and then delivered once', async () => {
  // Three attempts only; the circuit stays closed so that every attempt reaches 110.
  const again = await hubWith110({}, { partnerCircuit: { breakAfter: 100 } }, 3);
  const gql = client(again.hub);
  try {
    again.sim.setFailure('5xx');
    const registered = ok(await gql(REGISTER, { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'POLICE_110' }) }, as.OPERATOR, 'INTAKE')).registerCase;
    for (let i = 0; i < 60; i++) {
      await again.hub.drainOutboxes();
      again.hub.clock.advanceHours(1);
    }
    const TRANSFER = `query($id: ID!) { case(id: $id) { transfers { id status attempts lastError } } }`;
    const [dead] = ok(await gql(TRANSFER, { id: registered.id }, as.DISPATCHER)).case.transfers;
    // Three attempts were made, the last one included (issue 15, failure 7).
    expect(dead).toMatchObject({ status: 'DEAD_LETTERED', attempts: 3 });
    expect(dead.lastError).toMatch(/503/);
    const refused = await gql(`mutation($id: ID!) { redriveTransfer(id: $id) { status } }`, { id: dead.id }, as.OPERATOR);
    expect(refused.body.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    again.sim.setFailure(null);
    const redriven = ok(await gql(`mutation($id: ID!) { redriveTransfer(id: $id) { status attempts } }`, { id: dead.id }, as.DISPATCHER)).redriveTransfer;
    expect(redriven).toMatchObject({ status: 'PENDING', attempts: 0 });
    await settle(again.hub, again.sim);
    const [delivered] = ok(await gql(TRANSFER, { id: registered.id }, as.DISPATCHER)).case.transfers;
    expect(delivered.status).toBe('ACKNOWLEDGED');
    expect([...again.sim.incidents.values()].filter((i) => i.caseNumber === registered.number)).toHaveLength(1);
    const nothing = await gql(`mutation($id: ID!) { redriveTransfer(id: $id) { status } }`, { id: dead.id }, as.DISPATCHER);
    expect(nothing.body.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
  } finally {
    await again.hub.stop();
    await again.sim.stop();
  }
}, 120_000);
