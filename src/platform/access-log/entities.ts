import { EntitySchema } from '@mikro-orm/core';
import type { FieldDecision } from './recorder';

export const AUDIT_SCHEMA = 'audit';

/**
 * One access event (append-only, hash-chained per writing subgraph). Written only through
 * `audit.append_access_events`; the application role cannot UPDATE, DELETE or TRUNCATE it.
 */
export interface AccessEventRow {
  id: string;
  chain: string;
  seq: string;
  at: Date;
  requestId: string;
  principalId: string;
  role: string;
  unit?: string;
  region?: string;
  vendor?: string;
  partner?: string;
  purpose?: string;
  operation?: string;
  documentHash?: string;
  subjectType: string;
  subjectId: string;
  fields: { path: string; decision: FieldDecision }[];
  policyVersion: string;
  clientAddress?: string;
  prevHash: string;
  hash: string;
}

export const AccessEventEntity = new EntitySchema<AccessEventRow>({
  name: 'AccessEvent',
  tableName: 'access_event',
  schema: AUDIT_SCHEMA,
  uniques: [{ properties: ['chain', 'seq'] }],
  indexes: [{ properties: ['at'] }, { properties: ['principalId', 'at'] }, { properties: ['subjectId', 'at'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    chain: { type: 'string', length: 32 },
    seq: { type: 'bigint' },
    at: { type: 'Date', columnType: 'timestamptz' },
    requestId: { type: 'string', length: 64 },
    principalId: { type: 'string', length: 128 },
    role: { type: 'string', length: 32 },
    unit: { type: 'string', length: 64, nullable: true },
    region: { type: 'string', length: 9, nullable: true },
    vendor: { type: 'string', length: 64, nullable: true },
    partner: { type: 'string', length: 32, nullable: true },
    purpose: { type: 'string', length: 16, nullable: true },
    operation: { type: 'string', length: 128, nullable: true },
    documentHash: { type: 'string', length: 64, nullable: true },
    subjectType: { type: 'string', length: 32 },
    subjectId: { type: 'string', length: 64 },
    fields: { type: 'json' },
    policyVersion: { type: 'string', length: 32 },
    clientAddress: { type: 'string', length: 64, nullable: true },
    prevHash: { type: 'string', length: 64 },
    hash: { type: 'string', length: 64 },
  },
});

/** The newest link of each chain; the append function locks it to serialise writers. */
export interface ChainHead {
  chain: string;
  seq: string;
  hash: string;
}

export const ChainHeadEntity = new EntitySchema<ChainHead>({
  name: 'ChainHead',
  tableName: 'chain_head',
  schema: AUDIT_SCHEMA,
  properties: {
    chain: { type: 'string', length: 32, primary: true },
    seq: { type: 'bigint' },
    hash: { type: 'string', length: 64 },
  },
});
