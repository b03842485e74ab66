import { BigIntType, EntitySchema } from '@mikro-orm/core';
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
  indexes: [
    { properties: ['at'] },
    // The auditors' keyset pages, newest first.
    { properties: ['at', 'id'] },
    { properties: ['principalId', 'at'] },
    { properties: ['subjectId', 'at'] },
    // `fields @> '[{"path": …}]'` (the auditors' field and decision filters); created by hand in
    // the append_only_chain migration, declared here so generated migrations leave it alone.
    {
      name: 'access_event_fields_gin',
      expression: 'create index "access_event_fields_gin" on "audit"."access_event" using gin ("fields" jsonb_path_ops)',
    },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    chain: { type: 'string', length: 32 },
    // 64-bit positions read as decimal strings, as the row types say (MikroORM 6 defaults to native bigint).
    seq: { type: new BigIntType('string') },
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
    seq: { type: new BigIntType('string') },
    hash: { type: 'string', length: 64 },
  },
});

/**
 * Where a chain resumes after its oldest events were archived and purged (docs/data-protection.md):
 * the last purged link (chain, seq, hash), so `verifyAuditChain` can check the first remaining event
 * against it. Append-only like the events; written only by `audit.purge_access_events`.
 */
export interface ChainAnchor {
  chain: string;
  seq: string;
  hash: string;
  /** Time of the anchored (last purged) event. */
  at: Date;
  /** The purge removed the chain's events older than this (never less than 6 months old). */
  purgedBefore: Date;
  purgedRows: string;
  /** Where the archive of the purged events is kept, and its SHA-256 (stated by whoever purges). */
  archive: string;
  createdAt: Date;
}

export const ChainAnchorEntity = new EntitySchema<ChainAnchor>({
  name: 'ChainAnchor',
  tableName: 'chain_anchor',
  schema: AUDIT_SCHEMA,
  properties: {
    chain: { type: 'string', length: 32, primary: true },
    seq: { type: new BigIntType('string'), primary: true },
    hash: { type: 'string', length: 64 },
    at: { type: 'Date', columnType: 'timestamptz' },
    purgedBefore: { type: 'Date', columnType: 'timestamptz' },
    purgedRows: { type: new BigIntType('string') },
    archive: { type: 'string', length: 512 },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
