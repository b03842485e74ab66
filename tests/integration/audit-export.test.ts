import { createHash } from 'node:crypto';
import { asOwner } from '../support/audit';
import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

type Export = { from: string; to: string; count: number; maxRows: number; truncated: boolean; endCursor: string | null; jsonl: string; sha256: string };
type Line = Record<string, unknown> & { id: string; chain: string; seq: number; at: string; prevHash: string; hash: string };

const EXPORT = /* GraphQL */ `
  query Export($from: DateTime!, $to: DateTime!, $after: String) {
    exportAccessEvents(from: $from, to: $to, after: $after) { from to count maxRows truncated endCursor jsonl sha256 }
  }
`;

const KEYS = [
  'id', 'chain', 'seq', 'at', 'requestId', 'principalId', 'role', 'unit', 'region', 'vendor', 'partner', 'purpose', 'operation',
  'documentHash', 'subjectType', 'subjectId', 'fields', 'policyVersion', 'clientAddress', 'prevHash', 'hash',
];

/** docs/data-protection.md, "Verifying an archive": an exported line `l` hashes to its own `hash`. */
const LINE_RECOMPUTES = `encode(sha256(convert_to(jsonb_build_array(
  l->>'prevHash', l->>'id', l->>'chain', (l->>'seq')::bigint, (extract(epoch from (l->>'at')::timestamptz) * 1000000)::bigint,
  l->>'requestId', l->>'principalId', l->>'role', l->>'unit', l->>'region', l->>'vendor', l->>'partner', l->>'purpose',
  l->>'operation', l->>'documentHash', l->>'subjectType', l->>'subjectId', l->'fields', l->>'policyVersion',
  l->>'clientAddress')::text, 'UTF8')), 'hex') = l->>'hash'`;

/**
 * Issue 4, point 8: an auditor exports a period of the access log as JSON Lines, with the SHA-256
 * that lets the saved file be verified later; the export is capped and continues with a cursor,
 * and is itself recorded.
 */
describe('exporting the access log', () => {
  let hub: TestHub;
  const DAY = { from: '2026-11-27T00:00:00+08:00', to: '2026-11-28T00:00:00+08:00' };

  async function exportPage(after?: string | null): Promise<{ data: Export; requestId: string }> {
    const res = await hub.gql<{ exportAccessEvents: Export }>(EXPORT, { as: as.AUDITOR, purpose: 'AUDIT', variables: { ...DAY, after } });
    expect(res.body.errors).toBeUndefined();
    return { data: res.body.data!.exportAccessEvents, requestId: res.headers.get('x-request-id')! };
  }

  /** The period's events as the owner sees them, in export order (independent of the subgraph). */
  const ownerLines = () =>
    asOwner(hub, async (c) =>
      (await c.query(`select audit.event_json(e) as line from audit.access_event e where at >= $1 and at < $2 order by at, id`, [DAY.from, DAY.to])).rows.map(
        (r: { line: string }) => r.line,
      ),
    );

  beforeAll(async () => {
    hub = await startTestHub({ env: { AUDIT_EXPORT_MAX_ROWS: '4' } });
    for (let i = 0; i < 3; i++) {
      hub.clock.advanceMinutes(5);
      const res = await hub.gql(`{ cases(first: 3) { edges { node { number caller { name phone } } } } }`, { as: as.DISPATCHER, purpose: 'SUPERVISION' });
      expect(res.body.errors).toBeUndefined();
    }
    // The auditor exports the next morning: the export calls' own events fall after the period.
    hub.clock.set('2026-11-28T09:00:00+08:00');
  });
  afterAll(() => hub.stop());

  it('returns valid JSON Lines, oldest first, whose SHA-256 is the one reported, capped at the configured size', async () => {
    const expected = await ownerLines();
    expect(expected).toHaveLength(9);
    const { data } = await exportPage();
    expect(data).toMatchObject({ count: 4, maxRows: 4, truncated: true, endCursor: expect.any(String) });
    expect(data.jsonl.endsWith('\n')).toBe(true);
    const lines = data.jsonl.slice(0, -1).split('\n');
    expect(lines).toEqual(expected.slice(0, 4));
    for (const line of lines) expect(Object.keys(JSON.parse(line) as Line)).toEqual(KEYS);
    expect(data.sha256).toBe(createHash('sha256').update(Buffer.from(data.jsonl, 'utf8')).digest('hex'));
  });

  /** Every page of the period's export, following `endCursor`. */
  async function exportAll(): Promise<Export[]> {
    const pages: Export[] = [];
    let after: string | null = null;
    do {
      const { data }: { data: Export } = await exportPage(after);
      pages.push(data);
      after = data.endCursor;
    } while (after && pages.length < 10);
    return pages;
  }
  const linesOf = (pages: Export[]) => pages.flatMap((p) => p.jsonl.split('\n').filter(Boolean));

  it('continues a truncated export with its cursor until the period is complete, without overlap', async () => {
    const expected = await ownerLines();
    const pages = await exportAll();
    expect(pages.map((p) => [p.count, p.truncated])).toEqual([
      [4, true],
      [4, true],
      [1, false],
    ]);
    const lines = linesOf(pages);
    expect(lines).toEqual(expected);
    expect(new Set(lines.map((l) => (JSON.parse(l) as Line).id)).size).toBe(lines.length);
  });

  it('carries each event\'s links, so an archive can be checked event by event after it leaves the hub', async () => {
    // Lines are in time order; events of one request share their time, so a chain is read by seq.
    const lines = linesOf(await exportAll())
      .map((l) => JSON.parse(l) as Line)
      .filter((l) => l.chain === 'hotline')
      .sort((a, b) => a.seq - b.seq);
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.prevHash).toBe(lines[i - 1]!.hash);
    expect(lines[0]!.prevHash).toBe('0'.repeat(64));
  });

  it('can be verified after it leaves the hub: each line\'s digest recomputes from the line alone (docs/data-protection.md)', async () => {
    const lines = linesOf(await exportAll());
    const checked = await asOwner(hub, async (c) =>
      (
        await c.query(
          `select l->>'id' as id, ${LINE_RECOMPUTES} as ok from jsonb_array_elements($1::jsonb) as l`,
          [JSON.stringify(lines.map((l) => JSON.parse(l) as unknown))],
        )
      ).rows,
    );
    expect(checked).toHaveLength(9);
    expect(checked.every((r: { ok: boolean }) => r.ok)).toBe(true);
    // One changed byte in a line no longer recomputes.
    const forged = JSON.parse(lines[0]!) as Line;
    forged.principalId = `x${String(forged.principalId).slice(1)}`;
    const [again] = await asOwner(hub, async (c) =>
      (
        await c.query(
          `select ${LINE_RECOMPUTES} as ok from (select $1::jsonb as l) x`,
          [JSON.stringify(forged)],
        )
      ).rows,
    );
    expect(again.ok).toBe(false);
  });

  it('records the export itself: who exported which period', async () => {
    const { requestId } = await exportPage();
    const res = await hub.gql(
      `query($requestId: String) { accessEvents(filter: { requestId: $requestId }) { edges { node { principalId purpose subjectType subjectId fields { path decision } } } } }`,
      { as: as.AUDITOR, variables: { requestId } },
    );
    const [event] = res.body.data!.accessEvents.edges.map((e: { node: { fields: { path: string }[] } }) => e.node);
    event.fields.sort((a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path));
    expect(event).toEqual({
      principalId: 'au-chenjing',
      purpose: 'AUDIT',
      subjectType: 'AccessLog',
      subjectId: 'exportAccessEvents',
      fields: [
        { path: 'from', decision: 'ALLOWED' },
        { path: 'to', decision: 'ALLOWED' },
      ],
    });
  });

  it('refuses a period that ends before it starts, and a forged cursor', async () => {
    const reversed = await hub.gql(EXPORT, { as: as.AUDITOR, variables: { from: DAY.to, to: DAY.from } });
    expect(reversed.body.errors?.[0]).toMatchObject({ message: 'to: must be after from', extensions: { code: 'BAD_USER_INPUT' } });
    const forged = await hub.gql(EXPORT, { as: as.AUDITOR, variables: { ...DAY, after: 'bm90LWEtY3Vyc29y' } });
    expect(forged.body.errors?.[0]).toMatchObject({ message: 'after: is not a cursor returned by this API', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
