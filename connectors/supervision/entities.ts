import { EntitySchema } from '@mikro-orm/core';
import { defineOutboxEntity } from '../kit/outbox';

export const SUPERVISION_SCHEMA = 'supervision';

export const LEAD_KINDS = ['POLICY_NOT_IMPLEMENTED', 'INACTION', 'MISCONDUCT', 'SUGGESTION'] as const;
export type LeadKind = (typeof LEAD_KINDS)[number];
export const LEAD_PRIORITIES = ['NORMAL', 'IMPORTANT', 'URGENT'] as const;
export type LeadPriority = (typeof LEAD_PRIORITIES)[number];
export const LEAD_STATUSES = ['RECEIVED', 'REGISTERED', 'LINKED', 'REPLIED', 'CONCLUDED'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/**
 * 督查线索 — a lead from the national Internet+Supervision platform (互联网+督查). The platform's
 * reference is unique: a lead sent twice is one lead. It becomes a case (channel SUPERVISION_LEAD)
 * or is linked to an open case about the same matter; its status flows back as the case moves, and
 * a lead past its due date raises supervision on the case once (`overdueRaisedAt`).
 */
export interface SupervisionLead {
  id: string;
  partner: string;
  leadRef: string;
  kind: LeadKind;
  priority: LeadPriority;
  dueAt: Date;
  region: string;
  categoryCode?: string;
  title: string;
  status: LeadStatus;
  caseId?: string;
  caseNumber?: string;
  linked: boolean;
  caseStatus?: string;
  overdueRaisedAt?: Date;
  lastReported?: string;
  receivedAt: Date;
  updatedAt: Date;
  regionPath: string[];
  assignedUnitIds: string[];
  sharedWith: string[];
}

export const SupervisionLeadEntity = new EntitySchema<SupervisionLead>({
  name: 'SupervisionLead',
  tableName: 'lead',
  schema: SUPERVISION_SCHEMA,
  indexes: [{ properties: ['caseId'] }, { properties: ['dueAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    partner: { type: 'string', length: 32, default: 'supervision' },
    leadRef: { type: 'string', length: 64, unique: true },
    kind: { enum: true, items: () => [...LEAD_KINDS], type: 'string' },
    priority: { enum: true, items: () => [...LEAD_PRIORITIES], type: 'string' },
    dueAt: { type: 'Date', columnType: 'timestamptz' },
    region: { type: 'string', length: 9 },
    categoryCode: { type: 'string', length: 16, nullable: true },
    title: { type: 'string', length: 200 },
    status: { enum: true, items: () => [...LEAD_STATUSES], type: 'string' },
    caseId: { type: 'uuid', nullable: true },
    caseNumber: { type: 'string', length: 40, nullable: true },
    linked: { type: 'boolean', default: false },
    caseStatus: { type: 'string', length: 32, nullable: true },
    overdueRaisedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    lastReported: { type: 'string', length: 16, nullable: true },
    receivedAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
    regionPath: { type: 'string[]', columnType: 'text[]', default: '{}' },
    assignedUnitIds: { type: 'string[]', columnType: 'uuid[]', default: '{}' },
    sharedWith: { type: 'string[]', columnType: 'text[]', default: '{}' },
  },
});

export const SupervisionOutboxEntity = defineOutboxEntity(SUPERVISION_SCHEMA);

export const SUPERVISION_ENTITIES = [SupervisionLeadEntity, SupervisionOutboxEntity];
