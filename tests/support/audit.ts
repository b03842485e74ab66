import pg from 'pg';
import type { TestHub } from './hub';

/**
 * Runs `fn` with a connection as the database owner (the tests' server user owns every object the
 * migrations created): what an intruder with the owner's credentials — or a DBA — can do.
 */
export async function asOwner<T>(hub: TestHub, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: hub.databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Changes the access log behind the hub's back: as the owner, with the append-only trigger disabled
 * inside one transaction and enabled again before it commits. Returns the rows affected.
 */
export function tamperAsOwner(hub: TestHub, sql: string, params: unknown[] = []): Promise<number> {
  return asOwner(hub, async (client) => {
    await client.query('begin');
    try {
      await client.query('alter table audit.access_event disable trigger access_event_append_only');
      const result = await client.query(sql, params);
      await client.query('alter table audit.access_event enable trigger access_event_append_only');
      await client.query('commit');
      return result.rowCount ?? 0;
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  });
}

export type ChainRow = { id: string; seq: string; at: Date; principalId: string };

/** The events of one chain in seq order, read as the owner (independently of the subgraph under test). */
export function chainRows(hub: TestHub, chain: string): Promise<ChainRow[]> {
  return asOwner(hub, async (client) => {
    const { rows } = await client.query<ChainRow>(
      'select e.id, e.seq::text as seq, e.at, e.principal_id as "principalId" from audit.access_event e where e.chain = $1 order by e.seq',
      [chain],
    );
    return rows;
  });
}

export async function countEvents(hub: TestHub): Promise<number> {
  return asOwner(hub, async (client) => Number((await client.query('select count(*) as n from audit.access_event')).rows[0].n));
}

export const VERIFY = /* GraphQL */ `
  query Verify($from: DateTime, $to: DateTime) {
    verifyAuditChain(from: $from, to: $to) {
      ok
      checked
      firstBrokenId
      breaks { chain seq eventId problem }
      chains { chain checked firstSeq lastSeq ok }
    }
  }
`;
