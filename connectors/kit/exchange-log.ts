import { createHash, randomUUID } from 'node:crypto';
import type { ExchangeDirection, ExchangeLogRecord } from './entities';

/** Runs one SQL statement (with `?` bindings) on the caller's connection or transaction. */
export type SqlRunner = (sql: string, params: unknown[]) => Promise<unknown>;

/**
 * The exchange log (X-Road's message log is the model; docs/domain.md: inter-agency exchanges are kept
 * as evidence, signed and timestamped, ≥ 6 months). Every message in or out — delivered, refused,
 * duplicate or failed — is one record with its signature and payload hash, linked to the previous
 * record by hash, so a record removed or altered later breaks the chain where it was.
 * Payloads themselves are not logged (they carry personal data); their hash proves what was sent.
 */
export type ExchangeLogEntry = {
  at: Date;
  partner: string;
  direction: ExchangeDirection;
  /** The webhook-id (outbound: the outbox message id; inbound: the partner's idempotency key). */
  messageId: string;
  type: string;
  caseNumber?: string;
  /** Who acted: the hub principal behind an outbound message, `partner:<name>` for a webhook. */
  principalId: string;
  signature?: string;
  payloadHash: string;
  /** DELIVERED, FAILED, DEAD_LETTERED, ACCEPTED, DUPLICATE, CONFLICT, REFUSED_<reason> … */
  outcome: string;
  httpStatus?: number;
  detail?: string;
};

export function payloadHash(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

/** JSON with sorted keys: the same payload always hashes the same, whatever the key order. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/** Appends entries in one statement (the database function locks the chain head). */
export async function appendExchangeLog(run: SqlRunner, schema: string, entries: ExchangeLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    id: randomUUID(),
    at: e.at.toISOString(),
    partner: e.partner,
    direction: e.direction,
    message_id: e.messageId.slice(0, 128),
    type: e.type.slice(0, 64),
    case_number: e.caseNumber ?? null,
    principal_id: e.principalId.slice(0, 128),
    signature: e.signature ?? null,
    payload_hash: e.payloadHash,
    outcome: e.outcome.slice(0, 32),
    http_status: e.httpStatus ?? null,
    detail: e.detail?.slice(0, 500) ?? null,
  }));
  await run(`select "${schema}".append_exchange_log(?::jsonb)`, [JSON.stringify(rows)]);
}

export type ExchangeLogFilter = {
  partner?: string;
  direction?: ExchangeDirection;
  caseNumber?: string;
  messageId?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
  /** Records with seq below this (keyset pagination, newest first). */
  beforeSeq?: string;
};

type Row = Record<string, unknown>;

/** Auditors' view: newest first, at most `limit` records. */
export async function queryExchangeLog(all: (sql: string, params: unknown[]) => Promise<Row[]>, schema: string, filter: ExchangeLogFilter, limit: number): Promise<ExchangeLogRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (filter.partner) add('partner = ?', filter.partner);
  if (filter.direction) add('direction = ?', filter.direction);
  if (filter.caseNumber) add('case_number = ?', filter.caseNumber);
  if (filter.messageId) add('message_id = ?', filter.messageId);
  if (filter.outcome) add('outcome = ?', filter.outcome);
  if (filter.from) add('at >= ?', filter.from);
  if (filter.to) add('at < ?', filter.to);
  if (filter.beforeSeq) add('seq < ?', filter.beforeSeq);
  const rows = await all(
    `select * from "${schema}".exchange_log ${where.length ? `where ${where.join(' and ')}` : ''} order by seq desc limit ?`,
    [...params, limit],
  );
  return rows.map((r) => ({
    seq: String(r.seq),
    id: String(r.id),
    at: new Date(r.at as string),
    partner: String(r.partner),
    direction: r.direction as ExchangeDirection,
    messageId: String(r.message_id),
    type: String(r.type),
    caseNumber: (r.case_number as string | null) ?? undefined,
    principalId: String(r.principal_id),
    signature: (r.signature as string | null) ?? undefined,
    payloadHash: String(r.payload_hash),
    outcome: String(r.outcome),
    httpStatus: (r.http_status as number | null) ?? undefined,
    detail: (r.detail as string | null) ?? undefined,
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  }));
}

export type ExchangeLogReport = { ok: boolean; checked: number; firstBrokenSeq?: string };

export async function verifyExchangeLog(all: (sql: string, params: unknown[]) => Promise<Row[]>, schema: string): Promise<ExchangeLogReport> {
  const [row] = await all(`select * from "${schema}".verify_exchange_log()`, []);
  return { ok: Boolean(row?.ok), checked: Number(row?.checked ?? 0), firstBrokenSeq: row?.first_broken_seq == null ? undefined : String(row.first_broken_seq) };
}
