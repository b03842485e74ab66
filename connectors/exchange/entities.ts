import { EntitySchema } from '@mikro-orm/core';
import { defineKitEntities } from '../kit/entities';
import { TRANSFER_DIRECTIONS, TRANSFER_STATUSES, type TransferDirection, type TransferStatus } from '../kit/model';

export const EXCHANGE_SCHEMA = 'exchange';

/**
 * A transfer of a matter between the hotline and a partner system, either way.
 * `regionPath`, `assignedUnitIds` and `sharedWith` are a copy of the case's scope, kept current
 * from the hotline's events, so this subgraph enforces row policy on its own data.
 */
export interface Transfer {
  id: string;
  partner: string;
  direction: TransferDirection;
  caseId?: string;
  caseNumber?: string;
  externalRef?: string;
  status: TransferStatus;
  reason?: string;
  feedback?: string;
  attempts: number;
  lastError?: string;
  idempotencyKey?: string;
  payloadHash?: string;
  payload?: Record<string, unknown>;
  regionPath: string[];
  assignedUnitIds: string[];
  sharedWith: string[];
  createdAt: Date;
  updatedAt: Date;
  acknowledgedAt?: Date;
  closedAt?: Date;
  /** When the partner first accepted the message (2xx). */
  sentAt?: Date;
  /** Emergency lines: the acknowledgement is due by then; `alertedAt` once the alert was raised. */
  ackDueAt?: Date;
  alertedAt?: Date;
  version: number;
}

export const TransferEntity = new EntitySchema<Transfer>({
  name: 'Transfer',
  tableName: 'transfer',
  schema: EXCHANGE_SCHEMA,
  uniques: [{ name: 'transfer_partner_idempotency_key_unique', properties: ['partner', 'idempotencyKey'] }],
  indexes: [{ properties: ['caseId'] }, { properties: ['partner', 'createdAt'] }, { properties: ['createdAt', 'id'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    partner: { type: 'string', length: 32 },
    direction: { enum: true, items: () => [...TRANSFER_DIRECTIONS], type: 'string' },
    caseId: { type: 'uuid', nullable: true },
    caseNumber: { type: 'string', length: 40, nullable: true },
    externalRef: { type: 'string', length: 64, nullable: true },
    status: { enum: true, items: () => [...TRANSFER_STATUSES], type: 'string' },
    reason: { type: 'text', nullable: true },
    feedback: { type: 'text', nullable: true },
    attempts: { type: 'integer', default: 0 },
    lastError: { type: 'text', nullable: true },
    idempotencyKey: { type: 'string', length: 128, nullable: true },
    payloadHash: { type: 'string', length: 64, nullable: true },
    payload: { type: 'json', nullable: true },
    regionPath: { type: 'string[]', columnType: 'text[]', default: '{}' },
    assignedUnitIds: { type: 'string[]', columnType: 'uuid[]', default: '{}' },
    sharedWith: { type: 'string[]', columnType: 'text[]', default: '{}' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
    acknowledgedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    closedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    sentAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    ackDueAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    alertedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    version: { type: 'integer', version: true },
  },
});

/**
 * The exchange's copy of each case's identity and scope, kept current from the hotline's
 * `case.changed` events (event-carried state: no query crosses a schema), so `transferCase` can
 * check the caller's right to transfer a case and stamp the transfer with its scope.
 */
export interface CaseScope {
  caseId: string;
  number: string;
  status: string;
  channel: string;
  regionPath: string[];
  assignedUnitIds: string[];
  sharedWith: string[];
  updatedAt: Date;
}

export const CaseScopeEntity = new EntitySchema<CaseScope>({
  name: 'CaseScope',
  tableName: 'case_scope',
  schema: EXCHANGE_SCHEMA,
  properties: {
    caseId: { type: 'uuid', primary: true },
    number: { type: 'string', length: 40 },
    status: { type: 'string', length: 32 },
    channel: { type: 'string', length: 32 },
    regionPath: { type: 'string[]', columnType: 'text[]', default: '{}' },
    assignedUnitIds: { type: 'string[]', columnType: 'uuid[]', default: '{}' },
    sharedWith: { type: 'string[]', columnType: 'text[]', default: '{}' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/** The exchange kit's tables (outbox, inbound idempotency, exchange log, endpoint state) live here. */
export const EXCHANGE_KIT = defineKitEntities(EXCHANGE_SCHEMA);

export const EXCHANGE_ENTITIES = [TransferEntity, CaseScopeEntity, EXCHANGE_KIT.outbox, EXCHANGE_KIT.inbound, EXCHANGE_KIT.log, EXCHANGE_KIT.endpoint];
