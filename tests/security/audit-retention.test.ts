import { randomUUID } from 'node:crypto';
import { asOwner, chainRows, tamperAsOwner, VERIFY } from '../support/audit';
import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

/**
 * Issue 4, point 7 — retention: at least 6 months (Cybersecurity Law art. 21), then archive and
 * purge with `audit.purge_access_events`, run by the database owner, leaving an anchor from which
 * the rest of the chain still verifies (docs/data-protection.md).
 */
describe('archiving and purging the access log', () => {
  let hub: TestHub;
  const appRole = `hub_app_${process.pid}`;
  const BEFORE = '2026-04-01T00:00:00.000Z';

  type Purged = { anchor_chain: string; anchor_seq: string; anchor_hash: string; removed: string };
  const purge = (before: string, archive: string) =>
    asOwner(hub, async (c) => (await c.query<Purged>('select * from audit.purge_access_events($1, $2)', [before, archive])).rows);

  async function verify(variables: { from?: string; to?: string } = {}) {
    const res = await hub.gql(VERIFY, { as: as.AUDITOR, variables });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.verifyAuditChain as { ok: boolean; firstBrokenId: string | null; breaks: { seq: string; problem: string }[]; chains: { chain: string; firstSeq: string }[] };
  }

  beforeAll(async () => {
    hub = await startTestHub();
    // The hotline's first five events date from March (appended as the recorder would have then),
    // the rest from today's reads.
    const march = Array.from({ length: 5 }, (_, i) => ({
      id: randomUUID(),
      at: new Date(Date.UTC(2026, 2, 2 + i, 2)).toISOString(),
      request_id: randomUUID(),
      principal_id: 'dp-zhaolei',
      role: 'DISPATCHER',
      region: '141100',
      purpose: 'SUPERVISION',
      subject_type: 'Case',
      subject_id: randomUUID(),
      fields: [{ path: 'caller.phone', decision: 'ALLOWED' }],
      policy_version: '2026.03-1',
    }));
    await asOwner(hub, (c) => c.query('select audit.append_access_events($1, $2::jsonb)', ['hotline', JSON.stringify(march)]));
    for (let i = 0; i < 3; i++) {
      const res = await hub.gql(`{ cases(first: 2) { edges { node { caller { phone } } } } }`, { as: as.DISPATCHER, purpose: 'SUPERVISION' });
      expect(res.body.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await asOwner(hub, async (c) => {
      await c.query(`drop owned by ${appRole}`).catch(() => undefined);
      await c.query(`drop role if exists ${appRole}`);
    });
    await hub.stop();
  });

  it('refuses to purge anything younger than 6 months, and purges nothing', async () => {
    await expect(asOwner(hub, (c) => c.query(`select audit.purge_access_events(now() - interval '1 month', 'archive.jsonl')`))).rejects.toThrow(
      /^access events are kept at least 6 months \(Cybersecurity Law art\. 21\)/,
    );
    expect(await chainRows(hub, 'hotline')).toHaveLength(11);
  });

  it('refuses to purge without naming the archive', async () => {
    await expect(purge(BEFORE, ' ')).rejects.toThrow('name the archive of the purged events (where it is kept and its SHA-256)');
  });

  it('refuses to purge a broken chain: evidence of tampering is investigated, not deleted', async () => {
    const [, second] = await chainRows(hub, 'hotline');
    await tamperAsOwner(hub, `update audit.access_event set role = 'ADMIN' where id = $1`, [second!.id]);
    try {
      await expect(purge(BEFORE, 'archive.jsonl')).rejects.toThrow('audit chain hotline is broken at seq 2 (DIGEST_MISMATCH): investigate before purging');
    } finally {
      await tamperAsOwner(hub, `update audit.access_event set role = 'DISPATCHER' where id = $1`, [second!.id]);
    }
    expect(await chainRows(hub, 'hotline')).toHaveLength(11);
  });

  it('is the owner\'s job: the application role can neither run it nor turn the trigger off', async () => {
    await asOwner(hub, async (c) => {
      await c.query(`create role ${appRole} nologin`);
      await c.query(`grant usage on schema audit to ${appRole}`);
      await c.query(`grant select, insert on all tables in schema audit to ${appRole}`);
      for (const [sql, error] of [
        [`select audit.purge_access_events('${BEFORE}', 'archive.jsonl')`, 'permission denied for function purge_access_events'],
        ['alter table audit.access_event disable trigger access_event_append_only', 'must be owner of table access_event'],
      ] as const) {
        await c.query('begin');
        await c.query(`set local role ${appRole}`);
        await expect(c.query(sql)).rejects.toThrow(error);
        await c.query('rollback');
      }
    });
    expect(await chainRows(hub, 'hotline')).toHaveLength(11);
  });

  it('archives then purges the events older than the cut-off, and the rest still verifies from the anchor', async () => {
    const exported = await hub.gql(
      /* GraphQL */ `query($from: DateTime!, $to: DateTime!) { exportAccessEvents(from: $from, to: $to) { count truncated jsonl sha256 } }`,
      { as: as.AUDITOR, variables: { from: '2026-01-01T00:00:00+08:00', to: BEFORE } },
    );
    expect(exported.body.errors).toBeUndefined();
    const archive = exported.body.data!.exportAccessEvents as { count: number; truncated: boolean; jsonl: string; sha256: string };
    expect(archive).toMatchObject({ count: 5, truncated: false });
    const lines = archive.jsonl.trimEnd().split('\n').map((l) => JSON.parse(l) as { chain: string; seq: number; hash: string });
    const before = await chainRows(hub, 'hotline');

    const purged = await purge(BEFORE, `archive/access-2026Q1.jsonl sha256:${archive.sha256}`);

    // The anchor is the archive's last event: the archive links to what stays in the database.
    expect(purged).toEqual([{ anchor_chain: 'hotline', anchor_seq: '5', anchor_hash: lines.at(-1)!.hash, removed: '5' }]);
    expect(lines.map((l) => [l.chain, l.seq])).toEqual([1, 2, 3, 4, 5].map((seq) => ['hotline', seq]));
    expect((await chainRows(hub, 'hotline')).map((r) => r.id)).toEqual(before.slice(5).map((r) => r.id));
    const [anchor] = await asOwner(hub, async (c) => (await c.query('select chain, seq::text as seq, hash, purged_rows::text as purged_rows, archive from audit.chain_anchor')).rows);
    expect(anchor).toEqual({ chain: 'hotline', seq: '5', hash: lines.at(-1)!.hash, purged_rows: '5', archive: `archive/access-2026Q1.jsonl sha256:${archive.sha256}` });

    const report = await verify();
    expect(report).toMatchObject({ ok: true, firstBrokenId: null });
    expect(report.chains.find((c) => c.chain === 'hotline')?.firstSeq).toBe('6');
  });

  it('purging again finds nothing more to purge', async () => {
    expect(await purge(BEFORE, 'archive/access-2026Q1.jsonl')).toEqual([]);
    expect(await asOwner(hub, async (c) => (await c.query('select count(*)::int as n from audit.chain_anchor')).rows[0].n)).toBe(1);
  });

  it('without its anchor the remaining chain would not verify', async () => {
    const [saved] = await asOwner(hub, async (c) => (await c.query('select row_to_json(a) as row from audit.chain_anchor a')).rows);
    await asOwner(hub, async (c) => {
      await c.query('begin');
      await c.query('alter table audit.chain_anchor disable trigger chain_anchor_append_only');
      await c.query('delete from audit.chain_anchor');
      await c.query('alter table audit.chain_anchor enable trigger chain_anchor_append_only');
      await c.query('commit');
    });
    try {
      const report = await verify();
      expect(report.ok).toBe(false);
      expect(report.breaks).toEqual([expect.objectContaining({ seq: '6', problem: 'MISSING_PREDECESSOR' })]);
    } finally {
      await asOwner(hub, (c) => c.query('insert into audit.chain_anchor select * from json_populate_record(null::audit.chain_anchor, $1)', [saved.row]));
    }
    expect((await verify()).ok).toBe(true);
  });

  it.each([
    ['UPDATE', `update audit.chain_anchor set hash = repeat('0', 64)`],
    ['DELETE', 'delete from audit.chain_anchor'],
    ['TRUNCATE', 'truncate audit.chain_anchor'],
  ])('the application cannot %s a purge anchor', async (op, sql) => {
    await expect(hub.orms.audit.em.getConnection().execute(sql)).rejects.toThrow(`audit.chain_anchor is append-only (${op} refused)`);
  });
});
