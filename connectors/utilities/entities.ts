import { EntitySchema } from '@mikro-orm/core';
import { defineOutboxEntity } from '../kit/outbox';

export const UTILITIES_SCHEMA = 'utilities';

export const UTILITIES = ['water', 'power', 'gas', 'heating'] as const;
export type Utility = (typeof UTILITIES)[number];

export const OUTAGE_KINDS = ['PLANNED', 'CURRENT'] as const;
export type OutageKind = (typeof OUTAGE_KINDS)[number];

/**
 * 停水停电停气停暖信息 — a planned or current outage a utility published: where (district and
 * townships), when, why. Operators answer callers from it at once, and a fault call in its area
 * and time is attached to it instead of becoming a new fault order.
 */
export interface Outage {
  id: string;
  partner: string;
  utility: Utility;
  externalRef: string;
  kind: OutageKind;
  region: string;
  townships: string[];
  regionPath: string[];
  startsAt: Date;
  endsAt?: Date;
  reason: string;
  cancelled: boolean;
  publishedAt: Date;
  updatedAt: Date;
}

export const OutageEntity = new EntitySchema<Outage>({
  name: 'Outage',
  tableName: 'outage',
  schema: UTILITIES_SCHEMA,
  uniques: [{ name: 'outage_partner_external_ref_unique', properties: ['partner', 'externalRef'] }],
  indexes: [{ properties: ['region', 'startsAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    partner: { type: 'string', length: 32 },
    utility: { enum: true, items: () => [...UTILITIES], type: 'string' },
    externalRef: { type: 'string', length: 64 },
    kind: { enum: true, items: () => [...OUTAGE_KINDS], type: 'string' },
    region: { type: 'string', length: 6 },
    townships: { type: 'string[]', columnType: 'text[]', default: '{}' },
    regionPath: { type: 'string[]', columnType: 'text[]', default: '{}' },
    startsAt: { type: 'Date', columnType: 'timestamptz' },
    endsAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    reason: { type: 'string', length: 300 },
    cancelled: { type: 'boolean', default: false },
    publishedAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

export const ORDER_STATUSES = ['PENDING', 'SENT', 'ACCEPTED', 'ARRIVED', 'RESTORED', 'REPLIED', 'REJECTED', 'FAILED', 'COVERED_BY_OUTAGE'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * 故障工单 — a fault order in a utility's system, with the utility's own order number
 * (`externalRef`). One order stands for one fault in one place: the calls about it are its
 * children (FaultOrderCase), so twenty calls about one burst main are one order with twenty
 * children, and the utility's status, arrival, restoration and reply drive every child case.
 */
export interface FaultOrder {
  id: string;
  partner: string;
  utility: Utility;
  externalRef?: string;
  status: OrderStatus;
  region: string;
  township?: string;
  categoryCode: string;
  outageId?: string;
  childCount: number;
  promisedArrivalAt?: Date;
  arrivedAt?: Date;
  restoredAt?: Date;
  reply?: string;
  lastError?: string;
  createdAt: Date;
  updatedAt: Date;
  regionPath: string[];
  assignedUnitIds: string[];
  sharedWith: string[];
}

export const FaultOrderEntity = new EntitySchema<FaultOrder>({
  name: 'FaultOrder',
  tableName: 'fault_order',
  schema: UTILITIES_SCHEMA,
  uniques: [{ name: 'fault_order_partner_external_ref_unique', properties: ['partner', 'externalRef'] }],
  indexes: [{ properties: ['utility', 'region', 'status'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    partner: { type: 'string', length: 32 },
    utility: { enum: true, items: () => [...UTILITIES], type: 'string' },
    externalRef: { type: 'string', length: 64, nullable: true },
    status: { enum: true, items: () => [...ORDER_STATUSES], type: 'string' },
    region: { type: 'string', length: 9 },
    township: { type: 'string', length: 9, nullable: true },
    categoryCode: { type: 'string', length: 16 },
    outageId: { type: 'uuid', nullable: true },
    childCount: { type: 'integer', default: 0 },
    promisedArrivalAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    arrivedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    restoredAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    reply: { type: 'text', nullable: true },
    lastError: { type: 'text', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
    regionPath: { type: 'string[]', columnType: 'text[]', default: '{}' },
    assignedUnitIds: { type: 'string[]', columnType: 'uuid[]', default: '{}' },
    sharedWith: { type: 'string[]', columnType: 'text[]', default: '{}' },
  },
});

/** A call (case) attached to a fault order: the order's child. One case belongs to one order. */
export interface FaultOrderCase {
  id: string;
  partner: string;
  orderId: string;
  caseId: string;
  caseNumber: string;
  attachedAt: Date;
  regionPath: string[];
  assignedUnitIds: string[];
  sharedWith: string[];
}

export const FaultOrderCaseEntity = new EntitySchema<FaultOrderCase>({
  name: 'FaultOrderCase',
  tableName: 'fault_order_case',
  schema: UTILITIES_SCHEMA,
  indexes: [{ properties: ['orderId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    partner: { type: 'string', length: 32 },
    orderId: { type: 'uuid' },
    caseId: { type: 'uuid', unique: true },
    caseNumber: { type: 'string', length: 40 },
    attachedAt: { type: 'Date', columnType: 'timestamptz' },
    regionPath: { type: 'string[]', columnType: 'text[]', default: '{}' },
    assignedUnitIds: { type: 'string[]', columnType: 'uuid[]', default: '{}' },
    sharedWith: { type: 'string[]', columnType: 'text[]', default: '{}' },
  },
});

export const UtilitiesOutboxEntity = defineOutboxEntity(UTILITIES_SCHEMA);

export const UTILITIES_ENTITIES = [OutageEntity, FaultOrderEntity, FaultOrderCaseEntity, UtilitiesOutboxEntity];
