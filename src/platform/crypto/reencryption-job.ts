import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Clock } from '../clock';
import { looksLikeEnvelope } from './envelope';
import type { FieldCipher } from './field-cipher';
import { ScopeErasedError } from './keyring';

/**
 * The online, resumable re-encryption job: walks a table in keyset order of its id, and rewrites
 * every value of the given columns that is not under the current key of its scope — after a DEK
 * rotation, a profile switch, or to encrypt clear values of a table being brought under encryption.
 * Each batch (rows locked, values rewritten, cursor and counters saved) is one transaction, so a
 * stopped or killed job resumes exactly where its last batch committed, and the application keeps
 * writing meanwhile (it writes under the current key already). Values whose key was destroyed are
 * left as they are (counted as erased). Any other failure stops the job with an error naming the
 * table, row id and column, never the value.
 */
export type EncryptedTable = Readonly<{
  /** `schema.table`. */
  table: string;
  /** A unique, non-null, ordered column (the keyset cursor). */
  idColumn: string;
  /** Text columns holding envelopes (or clear values still to encrypt). */
  columns: readonly string[];
  /** The key scope of a row's values: one for the table, or `<prefix><value of column>` (e.g. `case:` + case_id). */
  scope: Readonly<{ fixed: string }> | Readonly<{ column: string; prefix: string }>;
  /** The authenticated context of a value; default `<table>.<column>`. */
  context?: (column: string, row: Readonly<Record<string, unknown>>) => string;
}>;

export type JobState = 'running' | 'stopped' | 'failed' | 'done';

export type JobProgress = Readonly<{ name: string; state: JobState; cursor: string | null; total: number; processed: number; rewritten: number; erased: number; lastError: string | null }>;

export type ReencryptionOptions = Readonly<{
  pool: Pool;
  cipher: FieldCipher;
  target: EncryptedTable;
  /** The job's durable identity: running a job of the same name again resumes it. */
  name: string;
  clock: Clock;
  batchSize?: number;
  /** Stops between batches (state `stopped`, resumable). */
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
  /** Start over although a job of this name finished (a later rotation reusing the name). */
  restart?: boolean;
}>;

export class JobBusyError extends Error {
  constructor(name: string) {
    super(`re-encryption job ${name} is running in another process`);
    this.name = 'JobBusyError';
  }
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

function quoted(name: string): string {
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((p) => IDENT.test(p))) throw new Error(`invalid SQL identifier ${JSON.stringify(name)}`);
  return parts.map((p) => `"${p}"`).join('.');
}

export async function runReencryption(options: ReencryptionOptions): Promise<JobProgress> {
  const { pool, cipher, target, name, clock } = options;
  const batchSize = options.batchSize ?? 200;
  const table = quoted(target.table);
  const id = quoted(target.idColumn);
  const columns = target.columns.map(quoted);
  const scopeColumn = 'column' in target.scope ? quoted(target.scope.column) : undefined;
  const select = [`${id}::text as "__id"`, ...(scopeColumn ? [`${scopeColumn}::text as "__scope"`] : []), ...target.columns.map((c, i) => `${columns[i]} as "${c}"`)].join(', ');
  const context = target.context ?? ((column: string) => `${target.table}.${column}`);
  const scopeOf = (row: Record<string, unknown>) => ('fixed' in target.scope ? target.scope.fixed : `${target.scope.prefix}${String(row.__scope)}`);

  const lock = await pool.connect();
  const lockKey = createHash('sha256').update(`reencryption:${name}`).digest().readBigInt64BE(0).toString();
  try {
    const { rows: got } = await lock.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [lockKey]);
    if (!got[0]!.ok) throw new JobBusyError(name);
    try {
      let progress = await start(lock);
      options.onProgress?.(progress);
      while (progress.state === 'running') {
        if (options.signal?.aborted) {
          progress = await save(lock, { ...progress, state: 'stopped' });
          options.onProgress?.(progress);
          break;
        }
        const client = await pool.connect();
        try {
          await client.query('begin');
          progress = await batch(client, progress);
          await client.query('commit');
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          progress = await save(lock, { ...progress, state: 'failed', lastError: (error as Error).message.slice(0, 500) });
          options.onProgress?.(progress);
          throw error;
        } finally {
          client.release();
        }
        options.onProgress?.(progress);
      }
      return progress;
    } finally {
      await lock.query('select pg_advisory_unlock($1::bigint)', [lockKey]).catch(() => undefined);
    }
  } finally {
    lock.release();
  }

  async function start(db: PoolClient): Promise<JobProgress> {
    const { rows } = await db.query('select * from crypto.reencryption_job where name = $1', [name]);
    const existing = rows[0] as Record<string, any> | undefined;
    const now = clock.now();
    const { rows: count } = await db.query<{ n: string }>(`select count(*)::text as n from ${table}`);
    const total = Number(count[0]!.n);
    const description = { table: target.table, idColumn: target.idColumn, columns: target.columns, scope: target.scope };
    if (!existing || (existing.state === 'done' && options.restart)) {
      await db.query(
        `insert into crypto.reencryption_job (name, target, state, cursor, total, processed, rewritten, erased, last_error, started_at, updated_at, finished_at)
         values ($1, $2, 'running', null, $3, 0, 0, 0, null, $4, $4, null)
         on conflict (name) do update set target = $2, state = 'running', cursor = null, total = $3, processed = 0, rewritten = 0, erased = 0, last_error = null, started_at = $4, updated_at = $4, finished_at = null`,
        [name, JSON.stringify(description), total, now],
      );
      return { name, state: 'running', cursor: null, total, processed: 0, rewritten: 0, erased: 0, lastError: null };
    }
    if (existing.state === 'done') return toProgress(existing);
    await db.query("update crypto.reencryption_job set state = 'running', total = $2, last_error = null, updated_at = $3 where name = $1", [name, total, now]);
    return { ...toProgress(existing), state: 'running', total, lastError: null };
  }

  async function batch(db: PoolClient, progress: JobProgress): Promise<JobProgress> {
    const { rows } = await db.query<Record<string, unknown>>(
      `select ${select} from ${table} ${progress.cursor === null ? '' : `where ${id} > $2`} order by ${id} limit $1 for update`,
      progress.cursor === null ? [batchSize] : [batchSize, progress.cursor],
    );
    if (rows.length === 0) return save(db, { ...progress, state: 'done' });
    let rewritten = 0;
    let erased = 0;
    for (const row of rows) {
      const scope = scopeOf(row);
      // An erased scope has no current key: its values stay as they are (erased), and a clear value there is an error.
      const current = await cipher.keyring.current(scope).catch((error: unknown) => {
        if (error instanceof ScopeErasedError) return undefined;
        throw error;
      });
      const updates: [string, string][] = [];
      for (const column of target.columns) {
        const value = row[column];
        if (value === null || value === undefined) continue;
        if (typeof value !== 'string') throw new Error(`${target.table}.${column} of ${String(row.__id)} is not text`);
        const where = context(column, row);
        let clear: string;
        if (looksLikeEnvelope(value)) {
          if (current && value.startsWith(`v1.${current.alg}.${current.id}.`)) continue;
          let opened;
          try {
            [opened] = await cipher.decryptMany([{ value, context: where }]);
          } catch (error) {
            throw new Error(`${target.table} ${target.idColumn}=${String(row.__id)} column ${column}: ${(error as Error).message}`);
          }
          if (opened!.state === 'erased') {
            erased++;
            continue;
          }
          clear = opened!.value;
        } else {
          clear = value;
        }
        if (!current) throw new Error(`${target.table} ${target.idColumn}=${String(row.__id)} column ${column}: a value in ${scope}, whose keys were destroyed, is still readable`);
        updates.push([column, await cipher.encrypt(clear, { scope, context: where })]);
      }
      if (updates.length > 0) {
        await db.query(`update ${table} set ${updates.map(([c], i) => `${quoted(c)} = $${i + 2}`).join(', ')} where ${id} = $1`, [row.__id, ...updates.map(([, v]) => v)]);
        rewritten += updates.length;
      }
    }
    return save(db, {
      ...progress,
      cursor: String(rows.at(-1)!.__id),
      processed: progress.processed + rows.length,
      rewritten: progress.rewritten + rewritten,
      erased: progress.erased + erased,
    });
  }

  async function save(db: PoolClient, p: JobProgress): Promise<JobProgress> {
    await db.query(
      `update crypto.reencryption_job set state = $2, cursor = $3, processed = $4, rewritten = $5, erased = $6, last_error = $7, updated_at = $8::timestamptz, finished_at = case when $2 = 'done' then $8::timestamptz else null end where name = $1`,
      [name, p.state, p.cursor, p.processed, p.rewritten, p.erased, p.lastError, clock.now()],
    );
    return p;
  }
}

/** The job's saved state (for a status command or an operator's check). */
export async function reencryptionStatus(pool: Pool, name: string): Promise<JobProgress | undefined> {
  const { rows } = await pool.query('select * from crypto.reencryption_job where name = $1', [name]);
  return rows[0] ? toProgress(rows[0] as Record<string, any>) : undefined;
}

/** `reencrypt hotline-case-keys: 1200/5000 rows (24 %), 1180 values rewritten, 3 erased — running`. */
export function progressLine(p: JobProgress): string {
  const percent = p.total > 0 ? Math.min(100, Math.floor((p.processed / p.total) * 100)) : 100;
  return `reencrypt ${p.name}: ${p.processed}/${p.total} rows (${percent} %), ${p.rewritten} values rewritten, ${p.erased} erased — ${p.state}${p.lastError ? `: ${p.lastError}` : ''}`;
}

function toProgress(row: Record<string, any>): JobProgress {
  return {
    name: String(row.name),
    state: row.state as JobState,
    cursor: row.cursor === null ? null : String(row.cursor),
    total: Number(row.total),
    processed: Number(row.processed),
    rewritten: Number(row.rewritten),
    erased: Number(row.erased),
    lastError: row.last_error === null ? null : String(row.last_error),
  };
}
