import type { AccessEventInput, AccessMeta } from './recorder';

/** Runs one SQL statement; every subgraph passes its own connection's executor. */
export type SqlExecutor = (sql: string, params: unknown[]) => Promise<unknown>;

/**
 * Appends a request's access events in one statement. The database function locks the chain head,
 * links each event to its predecessor by hash and inserts them: the chain has no gaps even with many
 * hub processes writing at once. Throws when the write fails: callers fail closed.
 */
export async function appendAccessEvents(execute: SqlExecutor, meta: AccessMeta, events: AccessEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const { principal } = meta;
  const rows = events.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    request_id: meta.requestId,
    principal_id: principal.sub,
    role: principal.role,
    unit: principal.unit ?? null,
    region: principal.region ?? null,
    vendor: principal.vendor ?? null,
    partner: principal.partner ?? null,
    purpose: meta.purpose ?? null,
    operation: e.operation ?? meta.operationName ?? null,
    document_hash: meta.documentHash ?? null,
    subject_type: e.subjectType,
    subject_id: e.subjectId,
    fields: e.fields,
    policy_version: meta.policyVersion,
    client_address: meta.clientAddress ?? null,
  }));
  await execute('SELECT audit.append_access_events(?, ?::jsonb)', [meta.subgraph, JSON.stringify(rows)]);
}
