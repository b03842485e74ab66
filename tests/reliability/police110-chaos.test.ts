import { FAILURE_MODES } from '../../connectors/police110/simulator';
import { forkEm } from '../../src/platform/db/orm';
import { client, intake, ok, REGISTER } from '../support/lifecycle';
import { as } from '../support/principals';
import { hubWith110, settle } from '../e2e/police110-roundtrip/support';

/**
 * The simulated 110 system fails in every way it can (5xx, hang, slow, duplicate, bad signature,
 * dropped connection) while cases keep being transferred both ways, then recovers. At the end every
 * transfer is delivered exactly once in effect — none lost, none doubled — counted on both sides.
 */
test('every failure mode of 110, transfers both ways throughout, then recovery: exactly once in effect', async () => {
  const { hub, sim } = await hubWith110({ feedbackAfterMs: 5, slowMs: 300 }, { partnerCircuit: { breakAfter: 4, halfOpenAfterMs: 200 } });
  const gql = client(hub);
  const outbound: string[] = [];
  const inbound: Promise<unknown>[] = [];
  try {
    for (const mode of FAILURE_MODES) {
      sim.setFailure(mode, 4);
      for (let i = 0; i < 2; i++) {
        const c = ok(await gql(REGISTER, { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'POLICE_110', title: `紧急警情 ${mode} ${i}` }) }, as.OPERATOR, 'INTAKE')).registerCase;
        outbound.push(c.number);
      }
      inbound.push(sim.sendTransfer({ title: `双非 ${mode}` }));
      // A few rounds of delivery while it fails, then the next failure.
      for (let round = 0; round < 5; round++) {
        await hub.drainOutboxes();
        hub.clock.advanceMinutes(10);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    sim.setFailure(null);
    await Promise.all(inbound);
    await settle(hub, sim, { rounds: 400 });

    // 110's side: one incident per outbound transfer, each processed once however often it arrived.
    const incidents = [...sim.incidents.values()];
    expect(incidents.map((i) => i.caseNumber).sort()).toEqual([...outbound].sort());
    expect(incidents.every((i) => i.deliveries === 1)).toBe(true);
    expect(sim.received.arrivals).toBeGreaterThan(sim.received.unique.size); // there were retries and duplicates
    // The hub's side: each outbound transfer acknowledged with its incident number and closed by 110's feedback.
    const em = forkEm(hub.orms.exchange);
    const transfers = (await em.execute(`select case_number, direction, status, external_ref from exchange.transfer where partner = 'police110' and created_at >= ?`, [new Date('2026-11-27T00:00:00Z')])) as any[];
    const out = transfers.filter((t) => t.direction === 'OUTBOUND' && outbound.includes(t.case_number));
    expect(out).toHaveLength(outbound.length);
    for (const t of out) {
      const incident = incidents.find((i) => i.caseNumber === t.case_number)!;
      expect(t).toMatchObject({ status: 'CLOSED', external_ref: incident.incidentNumber });
    }
    // 110's own transfers: each became exactly one transfer and one case, acknowledged back with its number.
    const own = [...sim.own.values()];
    expect(own).toHaveLength(FAILURE_MODES.length);
    for (const mine of own) {
      const matching = transfers.filter((t) => t.direction === 'INBOUND' && t.external_ref === mine.incidentNumber);
      expect(matching).toHaveLength(1);
      expect(matching[0]).toMatchObject({ status: 'ACKNOWLEDGED' });
      expect(mine.caseNumber).toBe(matching[0].case_number);
    }
    const [{ n }] = (await forkEm(hub.orms.hotline).execute(`select count(*)::int as n from hotline."case" where channel = 'TRANSFER_110' and title like '双非 %'`, [])) as { n: number }[];
    expect(n).toBe(FAILURE_MODES.length);
    // Nothing dead, nothing waiting; the refusals of forged messages and the duplicates are on record.
    const [{ left }] = (await em.execute(`select count(*)::int as left from exchange.outbox where delivered_at is null`, [])) as { left: number }[];
    expect(left).toBe(0);
    const log = await hub.exchangeKit!.queryLog({ partner: 'police110' }, 1000);
    expect(log.some((r) => r.outcome === 'REFUSED_BAD_SIGNATURE')).toBe(true);
    expect(log.some((r) => r.outcome === 'DUPLICATE')).toBe(true);
    expect(log.some((r) => r.outcome === 'FAILED')).toBe(true);
    expect((await hub.exchangeKit!.verifyLog()).ok).toBe(true);
  } finally {
    await hub.stop();
    await sim.stop();
  }
}, 180_000);
