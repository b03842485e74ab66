import { toGlobalId } from '../../src/platform/graphql/ids';
import { asOwner, chainRows, countEvents, tamperAsOwner, VERIFY, type ChainRow } from '../support/audit';
import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

type Report = {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  breaks: { chain: string; seq: string; eventId: string | null; problem: string }[];
  chains: { chain: string; checked: number; firstSeq: string | null; lastSeq: string | null; ok: boolean }[];
};

/**
 * Issue 4, point 7 — tamper evidence. Every event carries the hash of its predecessor;
 * `verifyAuditChain` recomputes each event's digest and checks each link, and names the first
 * broken event. The intruder here has the owner's credentials and turns the append-only trigger off.
 */
describe('the access log is tamper-evident', () => {
  let hub: TestHub;
  let hotline: ChainRow[];
  const eventId = (row: ChainRow) => toGlobalId('AccessEvent', row.id);

  async function verify(variables: { from?: string; to?: string } = {}): Promise<Report> {
    const res = await hub.gql<{ verifyAuditChain: Report }>(VERIFY, { as: as.AUDITOR, variables });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.verifyAuditChain;
  }

  /** Just after the event: windows are [from, to). */
  const justAfter = (row: ChainRow) => new Date(row.at.getTime() + 1).toISOString();

  beforeAll(async () => {
    hub = await startTestHub();
    // Eight reads, a minute apart: hotline events seq 1…8, each at its own time.
    for (let i = 0; i < 8; i++) {
      hub.clock.advanceMinutes(1);
      const res = await hub.gql(`{ cases(first: 1) { edges { node { number caller { name } } } } }`, { as: as.DISPATCHER });
      expect(res.body.errors).toBeUndefined();
    }
    hub.clock.advanceMinutes(1);
    hotline = await chainRows(hub, 'hotline');
  });
  afterAll(() => hub.stop());

  it('verifies an intact log: every event of every chain checked, none broken', async () => {
    expect(hotline.map((r) => r.seq)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const events = await countEvents(hub);
    const report = await verify();
    expect(report).toMatchObject({ ok: true, checked: events, firstBrokenId: null, breaks: [] });
    expect(report.chains.find((c) => c.chain === 'hotline')).toEqual({ chain: 'hotline', checked: 8, firstSeq: '1', lastSeq: '8', ok: true });
  });

  it('names each chain\'s head — its last sequence and that event\'s hash — to be recorded elsewhere', async () => {
    const res = await hub.gql(`query($to: DateTime) { verifyAuditChain(to: $to) { chains { chain lastSeq lastHash } } }`, { as: as.AUDITOR, variables: { to: justAfter(hotline[7]!) } });
    expect(res.body.errors).toBeUndefined();
    const head = res.body.data!.verifyAuditChain.chains.find((c: { chain: string }) => c.chain === 'hotline');
    const [stored] = (await asOwner(hub, (client) => client.query(`select hash from audit.access_event where chain = 'hotline' and seq = 8`))).rows as { hash: string }[];
    expect(head).toEqual({ chain: 'hotline', lastSeq: '8', lastHash: stored!.hash });
    expect(stored!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports exactly the event in which one byte was changed, and nothing once it is restored', async () => {
    const target = hotline[3]!;
    expect(await tamperAsOwner(hub, `update audit.access_event set principal_id = 'x' || substr(principal_id, 2) where id = $1`, [target.id])).toBe(1);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBrokenId).toBe(eventId(target));
    expect(report.breaks).toEqual([{ chain: 'hotline', seq: '4', eventId: eventId(target), problem: 'DIGEST_MISMATCH' }]);
    expect(report.chains.find((c) => c.chain === 'hotline')?.ok).toBe(false);

    await tamperAsOwner(hub, `update audit.access_event set principal_id = $2 where id = $1`, [target.id, target.principalId]);
    expect(await verify()).toMatchObject({ ok: true, firstBrokenId: null, breaks: [] });
  });

  it('checks a period from its predecessor: a period without the changed event verifies, one with it does not', async () => {
    const target = hotline[3]!;
    await tamperAsOwner(hub, `update audit.access_event set principal_id = 'x' || substr(principal_id, 2) where id = $1`, [target.id]);
    try {
      const after = await verify({ from: hotline[4]!.at.toISOString(), to: justAfter(hotline[7]!) });
      expect(after).toMatchObject({ ok: true, firstBrokenId: null });
      expect(after.chains.find((c) => c.chain === 'hotline')).toMatchObject({ checked: 4, firstSeq: '5', lastSeq: '8' });
      const before = await verify({ from: hotline[0]!.at.toISOString(), to: hotline[3]!.at.toISOString() });
      expect(before).toMatchObject({ ok: true, firstBrokenId: null });
      const around = await verify({ from: hotline[2]!.at.toISOString(), to: justAfter(hotline[4]!) });
      expect(around.firstBrokenId).toBe(eventId(target));
      expect(around.chains.find((c) => c.chain === 'hotline')).toMatchObject({ checked: 3, firstSeq: '3', lastSeq: '5', ok: false });
    } finally {
      await tamperAsOwner(hub, `update audit.access_event set principal_id = $2 where id = $1`, [target.id, target.principalId]);
    }
  });

  it('catches a forger who also rewrites the changed event\'s hash: its successor no longer links to it', async () => {
    const target = hotline[3]!;
    const [original] = await asOwner(hub, async (c) => (await c.query('select hash from audit.access_event where id = $1', [target.id])).rows);
    await tamperAsOwner(hub, `update audit.access_event set principal_id = 'x' || substr(principal_id, 2) where id = $1`, [target.id]);
    await tamperAsOwner(hub, `update audit.access_event e set hash = audit.event_digest(e) where id = $1`, [target.id]);
    try {
      const report = await verify();
      expect(report.breaks).toEqual([{ chain: 'hotline', seq: '5', eventId: eventId(hotline[4]!), problem: 'LINK_MISMATCH' }]);
    } finally {
      await tamperAsOwner(hub, `update audit.access_event set principal_id = $2, hash = $3 where id = $1`, [target.id, target.principalId, original.hash]);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('names the earliest broken event across chains', async () => {
    const [auditEvent] = await chainRows(hub, 'audit');
    expect(auditEvent!.at.getTime()).toBeGreaterThan(hotline[5]!.at.getTime());
    await tamperAsOwner(hub, `update audit.access_event set subject_id = subject_id || '.' where id = any($1::uuid[])`, [[auditEvent!.id, hotline[5]!.id]]);
    try {
      const report = await verify();
      expect(report.firstBrokenId).toBe(eventId(hotline[5]!));
      expect(report.breaks.map((b) => [b.chain, b.seq, b.problem])).toEqual([
        ['hotline', '6', 'DIGEST_MISMATCH'],
        ['audit', auditEvent!.seq, 'DIGEST_MISMATCH'],
      ]);
    } finally {
      await tamperAsOwner(hub, `update audit.access_event set subject_id = left(subject_id, -1) where id = any($1::uuid[])`, [[auditEvent!.id, hotline[5]!.id]]);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('detects a deleted event in the middle of a chain at its successor, and a period that starts after the hole', async () => {
    const removed = hotline[4]!;
    const [saved] = await asOwner(hub, async (c) => (await c.query('select row_to_json(e) as row from audit.access_event e where id = $1', [removed.id])).rows);
    expect(await tamperAsOwner(hub, 'delete from audit.access_event where id = $1', [removed.id])).toBe(1);
    try {
      const report = await verify();
      expect(report.ok).toBe(false);
      expect(report.firstBrokenId).toBe(eventId(hotline[5]!));
      expect(report.breaks).toEqual([{ chain: 'hotline', seq: '6', eventId: eventId(hotline[5]!), problem: 'SEQ_GAP' }]);
      const later = await verify({ from: hotline[5]!.at.toISOString(), to: justAfter(hotline[7]!) });
      expect(later.breaks).toEqual([{ chain: 'hotline', seq: '6', eventId: eventId(hotline[5]!), problem: 'MISSING_PREDECESSOR' }]);
    } finally {
      await asOwner(hub, (c) => c.query('insert into audit.access_event select * from json_populate_record(null::audit.access_event, $1)', [saved.row]));
    }
    expect((await verify()).ok).toBe(true);
  });

  it('detects deleted newest events against the chain head', async () => {
    const removed = hotline[7]!;
    const [saved] = await asOwner(hub, async (c) => (await c.query('select row_to_json(e) as row from audit.access_event e where id = $1', [removed.id])).rows);
    await tamperAsOwner(hub, 'delete from audit.access_event where id = $1', [removed.id]);
    try {
      const report = await verify();
      expect(report.breaks).toEqual([{ chain: 'hotline', seq: '7', eventId: eventId(hotline[6]!), problem: 'HEAD_MISMATCH' }]);
    } finally {
      await asOwner(hub, (c) => c.query('insert into audit.access_event select * from json_populate_record(null::audit.access_event, $1)', [saved.row]));
    }
    expect((await verify()).ok).toBe(true);
  });

  describe('is append-only', () => {
    const application = () => hub.orms.audit.em.getConnection();

    it.each([
      ['UPDATE', `update audit.access_event set role = 'ADMIN'`],
      ['DELETE', 'delete from audit.access_event'],
      ['TRUNCATE', 'truncate audit.access_event'],
    ])('the application cannot %s the events', async (op, sql) => {
      await expect(application().execute(sql)).rejects.toThrow(`audit.access_event is append-only (${op} refused)`);
      expect(await countEvents(hub)).toBeGreaterThanOrEqual(8);
    });

    it('neither can the owner without turning the trigger off (which needs the owner, and shows in the chain)', async () => {
      await expect(asOwner(hub, (c) => c.query('delete from audit.access_event where chain = $1', ['hotline']))).rejects.toThrow(
        'audit.access_event is append-only (DELETE refused)',
      );
      expect((await chainRows(hub, 'hotline')).map((r) => r.id)).toEqual(hotline.map((r) => r.id));
    });
  });
});
