import { randomUUID } from 'node:crypto';
import type { Principal, Purpose } from '../identity/principal';

export type FieldDecision = 'ALLOWED' | 'MASKED' | 'DENIED';

export type AccessMeta = {
  subgraph: string;
  requestId: string;
  principal: Principal;
  purpose: Purpose | undefined;
  operationName: string | undefined;
  documentHash: string | undefined;
  clientAddress: string | undefined;
  policyVersion: string;
};

/** One access event: which principal read which fields of one record, and the decision per field. */
export type AccessEventInput = {
  id: string;
  at: Date;
  subjectType: string;
  subjectId: string;
  fields: { path: string; decision: FieldDecision }[];
  operation?: string;
};

/**
 * Collects the field reads of one request; flushed as one INSERT when execution ends
 * (docs/design.md decision 3). Per-request state: one recorder per request context, never shared.
 */
export class AccessRecorder {
  private readonly subjects = new Map<string, AccessEventInput>();

  constructor(
    readonly meta: AccessMeta,
    private readonly now: () => Date,
  ) {}

  record(subjectType: string, subjectId: string, path: string, decision: FieldDecision, operation?: string): void {
    const key = `${subjectType}\u0000${subjectId}\u0000${operation ?? ''}`;
    let event = this.subjects.get(key);
    if (!event) {
      event = { id: randomUUID(), at: this.now(), subjectType, subjectId, fields: [], operation };
      this.subjects.set(key, event);
    }
    const existing = event.fields.find((f) => f.path === path);
    if (!existing) event.fields.push({ path, decision });
    else if (rank(decision) > rank(existing.decision)) existing.decision = decision;
  }

  get size(): number {
    return this.subjects.size;
  }

  /** Takes the collected events and empties the recorder (a subscription flushes once per event). */
  drain(): AccessEventInput[] {
    const events = [...this.subjects.values()];
    this.subjects.clear();
    return events;
  }
}

/** When one path is read twice with different outcomes, the audit keeps the most restrictive. */
function rank(decision: FieldDecision): number {
  return decision === 'DENIED' ? 2 : decision === 'MASKED' ? 1 : 0;
}
