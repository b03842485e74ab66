import { createHash } from 'node:crypto';
import type { EntityManager } from '../platform/db/orm';
import { badInput } from '../platform/graphql/errors';
import { decodeCursor, encodeCursor } from '../platform/graphql/pagination';
import { isUuid } from './events';

export type AccessExport = {
  from: Date;
  to: Date;
  /** Events in this export (lines of `jsonl`). */
  count: number;
  /** True when the period holds more than the export cap; `endCursor` continues it. */
  truncated: boolean;
  endCursor: string | null;
  /** One JSON object per line, each ending with a newline, oldest first: `audit.event_json`. */
  jsonl: string;
  /** SHA-256 (hex) of the UTF-8 bytes of `jsonl`: `sha256sum` of the saved file must match. */
  sha256: string;
};

/**
 * A period of the access log as JSON Lines, oldest first on (at, id), at most `maxRows` events per
 * call. Each line carries the event's chain, seq, prev_hash and hash, so an archive can be checked
 * link by link after it has left the hub. The line format is defined once, in SQL.
 */
export async function exportAccessEvents(
  em: EntityManager,
  window: { from: Date; to: Date; after?: string | null },
  maxRows: number,
): Promise<AccessExport> {
  const { from, to, after } = window;
  if (from.getTime() >= to.getTime()) throw badInput('to', 'must be after from');
  const params: unknown[] = [from, to];
  let resume = '';
  if (after) {
    const [at, id] = decodeCursor(after);
    const time = new Date(at);
    if (Number.isNaN(time.getTime()) || !isUuid(id)) throw badInput('after', 'is not a cursor returned by this API');
    resume = 'and (e.at, e.id) > (?::timestamptz, ?::uuid)';
    params.push(time, id);
  }
  const rows = (await em.getConnection().execute(
    `select e.id, e.at, audit.event_json(e) as line from audit.access_event e
     where e.at >= ? and e.at < ? ${resume} order by e.at, e.id limit ?`,
    [...params, maxRows + 1],
  )) as { id: string; at: Date; line: string }[];
  const lines = rows.slice(0, maxRows);
  const truncated = rows.length > maxRows;
  const jsonl = lines.map((r) => `${r.line}\n`).join('');
  const last = lines.at(-1);
  return {
    from,
    to,
    count: lines.length,
    truncated,
    endCursor: truncated && last ? encodeCursor(new Date(last.at).toISOString(), last.id) : null,
    jsonl,
    sha256: createHash('sha256').update(jsonl, 'utf8').digest('hex'),
  };
}
