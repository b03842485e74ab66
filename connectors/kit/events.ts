/**
 * What a module outside the hotline may know about a case: its identity and scope. Hotline domain
 * events carry it, and the exchange keeps a copy on each transfer, so that every subgraph enforces
 * row policy on its own data (no query crosses a schema).
 */
export type CaseSnapshot = {
  caseId: string;
  number: string;
  channel: string;
  disposition: string;
  status: string;
  categoryCode?: string;
  emergencyLine?: string;
  utility?: string;
  /** Township and title (with the category): what partner connectors match matters on. */
  township?: string;
  title?: string;
  /** Where the fault is — only for utility faults, whose crews need it (the agreement names it). */
  address?: string;
  regionPath: string[];
  assignedUnitIds: string[];
  sharedWith: string[];
  createdAt: string;
};

/** The hotline's `case.changed` event as a partner connector consumes it (its case-events.ts). */
export type CaseChanged = { action: string; to: string; case: CaseSnapshot; details: Record<string, unknown> };
