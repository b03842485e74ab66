import { EntitySchema } from '@mikro-orm/core';
import { defineOutboxEntity } from '../kit/outbox';

export const PETITION_SCHEMA = 'petition';

export type PetitionMatch = { petitionRef: string; agency: string; status: string; acceptedAt: string; category?: string };

/**
 * One petition channel check made at intake (信访渠道核查). It keeps the outcome and the petition
 * references — not the correlation key, and never the phone or ID number. `regionPath`,
 * `assignedUnitIds` and `sharedWith` copy the case's scope once the check is attached to its case
 * (from the hotline's events), so this subgraph enforces row policy on its own data.
 */
export interface PetitionCheck {
  id: string;
  partner: string;
  caseId?: string;
  caseNumber?: string;
  outcome: 'MATCHED' | 'NO_MATCH' | 'UNAVAILABLE';
  region: string;
  category?: string;
  windowFrom: Date;
  windowTo: Date;
  matches: PetitionMatch[];
  error?: string;
  checkedAt: Date;
  checkedBy: string;
  regionPath: string[];
  assignedUnitIds: string[];
  sharedWith: string[];
}

export const PetitionCheckEntity = new EntitySchema<PetitionCheck>({
  name: 'PetitionCheck',
  tableName: 'channel_check',
  schema: PETITION_SCHEMA,
  indexes: [{ properties: ['caseId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    partner: { type: 'string', length: 32, default: 'petition' },
    caseId: { type: 'uuid', nullable: true },
    caseNumber: { type: 'string', length: 40, nullable: true },
    outcome: { enum: true, items: () => ['MATCHED', 'NO_MATCH', 'UNAVAILABLE'], type: 'string' },
    region: { type: 'string', length: 6 },
    category: { type: 'string', length: 16, nullable: true },
    windowFrom: { type: 'Date', columnType: 'timestamptz' },
    windowTo: { type: 'Date', columnType: 'timestamptz' },
    matches: { type: 'json', default: '[]' },
    error: { type: 'string', length: 200, nullable: true },
    checkedAt: { type: 'Date', columnType: 'timestamptz' },
    checkedBy: { type: 'string', length: 128 },
    regionPath: { type: 'string[]', columnType: 'text[]', default: '{}' },
    assignedUnitIds: { type: 'string[]', columnType: 'uuid[]', default: '{}' },
    sharedWith: { type: 'string[]', columnType: 'text[]', default: '{}' },
  },
});

export const REFERRAL_STATUSES = ['RECEIVED', 'REGISTERED', 'LINKED', 'REPORTED'] as const;

/**
 * 信访转办 — a matter the petition bureau referred to the hotline (channel PETITION_REFERRAL). The
 * bureau's reference is unique: a referral sent twice is one referral. Its handling is reported
 * back as the case moves (`lastReported` is the last handling code sent).
 */
export interface PetitionReferral {
  id: string;
  partner: string;
  petitionRef: string;
  caseId?: string;
  caseNumber?: string;
  status: (typeof REFERRAL_STATUSES)[number];
  category?: string;
  region: string;
  title: string;
  lastReported?: string;
  receivedAt: Date;
  updatedAt: Date;
  regionPath: string[];
  assignedUnitIds: string[];
  sharedWith: string[];
}

export const PetitionReferralEntity = new EntitySchema<PetitionReferral>({
  name: 'PetitionReferral',
  tableName: 'referral',
  schema: PETITION_SCHEMA,
  indexes: [{ properties: ['caseId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    partner: { type: 'string', length: 32, default: 'petition' },
    petitionRef: { type: 'string', length: 64, unique: true },
    caseId: { type: 'uuid', nullable: true },
    caseNumber: { type: 'string', length: 40, nullable: true },
    status: { enum: true, items: () => [...REFERRAL_STATUSES], type: 'string' },
    category: { type: 'string', length: 16, nullable: true },
    region: { type: 'string', length: 9 },
    title: { type: 'string', length: 200 },
    lastReported: { type: 'string', length: 8, nullable: true },
    receivedAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
    regionPath: { type: 'string[]', columnType: 'text[]', default: '{}' },
    assignedUnitIds: { type: 'string[]', columnType: 'uuid[]', default: '{}' },
    sharedWith: { type: 'string[]', columnType: 'text[]', default: '{}' },
  },
});

export const PetitionOutboxEntity = defineOutboxEntity(PETITION_SCHEMA);

export const PETITION_ENTITIES = [PetitionCheckEntity, PetitionReferralEntity, PetitionOutboxEntity];
