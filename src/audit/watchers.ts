import { forbidden } from '../platform/graphql/errors';
import type { AuditContext } from './context';

/** The subject type of a read of the access log itself. */
export const ACCESS_LOG = 'AccessLog';

/** What each action on the access log lets an auditor do, for the FORBIDDEN message. */
const WHAT: Record<'read' | 'verify' | 'export', string> = {
  read: 'read the access log',
  verify: 'verify the access log',
  export: 'export the access log',
};

/**
 * Only principals whose ability grants `action` on AccessEvent (auditors) get past this; and every
 * call, allowed or refused, is itself an access event — subject `AccessLog`, subject id the query,
 * one field entry per argument that narrowed the read (`*` for the whole log) — so "who watched the
 * watchers" has an answer, and probing the log shows up among repeated denials. The recorder
 * batches it with the request's other events: still one INSERT per request.
 */
export function authorizeLogRead(ctx: AuditContext, action: 'read' | 'verify' | 'export', query: string, argumentPaths: string[]): void {
  const allowed = ctx.ability.can(action, 'AccessEvent');
  for (const path of argumentPaths.length > 0 ? argumentPaths : ['*']) {
    ctx.access.record(ACCESS_LOG, query, path, allowed ? 'ALLOWED' : 'DENIED');
  }
  if (!allowed) throw forbidden(`${query}: only auditors may ${WHAT[action]}`);
}

/** `{ principalId: 'x', field: null }` → `['filter.principalId']`: the keys a caller actually used. */
export function usedKeys(prefix: string, values: Record<string, unknown> | null | undefined): string[] {
  return Object.entries(values ?? {})
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key]) => `${prefix}${key}`);
}
