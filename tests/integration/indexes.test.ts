import pg from 'pg';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * Indexes written by hand in migrations (GIN on the arrays the row policy filters on, the outbox's
 * undelivered messages) are invisible to the entity metadata, so a generated migration may drop
 * them (one did: issue 7). Without them every handler's page scans the case table.
 */
describe('hand-written indexes', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.stop());

  it('exist after every migration', async () => {
    const client = new pg.Client({ connectionString: hub.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ indexname: string; indexdef: string }>(
        `select indexname, indexdef from pg_indexes where schemaname = 'hotline'`,
      );
      const defs = new Map(rows.map((r) => [r.indexname, r.indexdef]));
      expect(defs.get('case_assigned_units_gin')).toMatch(/USING gin \(assigned_unit_ids\)/);
      expect(defs.get('case_region_path_gin')).toMatch(/USING gin \(region_path\)/);
      expect(defs.get('case_shared_with_gin')).toMatch(/USING gin \(shared_with\)/);
      // The row-level security predicate's index (Migration20261129071000_indexable_row_scope).
      expect(defs.get('case_scope_gin')).toMatch(/USING gin \(hotline\.case_scope_keys\(region_path, assigned_unit_ids, \(vendor\)::text, shared_with\)\)/);
      expect(defs.get('knowledge_item_search_gin')).toMatch(/USING gin/);
      // A unit's cases in date order (Migration20261129090000_unit_case_order), kept by a trigger.
      expect(defs.get('case_unit_order_pkey')).toMatch(/\(unit_id, created_at, case_id\)/);
      const trigger = await client.query(`select 1 from pg_trigger where tgname = 'case_unit_order_sync' and not tgisinternal`);
      expect(trigger.rowCount).toBe(1);
      expect(defs.get('case_open_due_idx')).toMatch(/WHERE \(closed_at IS NULL\)/);
      expect(defs.get('outbox_undelivered_idx')).toMatch(/WHERE \(\(delivered_at IS NULL\) AND \(dead_at IS NULL\)\)/);
    } finally {
      await client.end();
    }
  });
});
