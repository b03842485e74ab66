import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { MATTER_SYSTEMS, type MatterSystem } from '../../connectors/kit/matters';
import { LIMIT_UNITS, type CaseDeadline, type DeadlineBasis, type LimitUnit } from './deadlines';
import { defineOutboxEntity } from '../../connectors/kit/outbox';
import {
  CASE_STATUSES,
  CASE_TYPES,
  CHANNELS,
  DESKS,
  DISPOSITIONS,
  EMERGENCY_LINES,
  LEGAL_ROUTES,
  MISSED_CALL_STATUSES,
  REGION_LEVELS,
  REPLY_RESULTS,
  RETURN_REASONS,
  SATISFACTIONS,
  SUPERVISION_KINDS,
  SUPERVISION_TRIGGERS,
  UNIT_KINDS,
  URGENCIES,
  type CaseStatus,
  type CaseType,
  type Channel,
  type Desk,
  type Disposition,
  type EmergencyLine,
  type LegalRoute,
  type MissedCallStatus,
  type RegionLevel,
  type ReplyResult,
  type ReturnReason,
  type Satisfaction,
  type SupervisionKind,
  type SupervisionTrigger,
  type UnitKind,
  type Urgency,
} from './model';

export const SCHEMA = 'hotline';

/** An administrative region: GB/T 2260 six-digit codes down to districts, nine-digit township codes below. */
export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode?: string;
  /** Codes from the province down to this region, inclusive: the tenancy path. */
  path: string[];
}

export const RegionEntity = new EntitySchema<Region>({
  name: 'Region',
  tableName: 'region',
  schema: SCHEMA,
  properties: {
    code: { type: 'string', primary: true, length: 9 },
    name: { type: 'string', length: 64 },
    level: { enum: true, items: () => [...REGION_LEVELS], type: 'string' },
    parentCode: { type: 'string', length: 9, nullable: true, index: true },
    path: { type: 'string[]', columnType: 'text[]' },
  },
});

/** A handling unit (诉求办理单位) or the hotline centre itself. */
export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  level: RegionLevel;
  regionCode: string;
  parentId?: string;
}

export const UnitEntity = new EntitySchema<Unit>({
  name: 'Unit',
  tableName: 'unit',
  schema: SCHEMA,
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string', length: 128 },
    kind: { enum: true, items: () => [...UNIT_KINDS], type: 'string' },
    level: { enum: true, items: () => [...REGION_LEVELS], type: 'string' },
    regionCode: { type: 'string', length: 9, index: true },
    parentId: { type: 'uuid', nullable: true },
  },
});

/** A node of the classification catalog (GB/T 39666-2020 style: two levels, versioned codes). */
export interface Category {
  code: string;
  name: string;
  parentCode?: string;
  /** Evaluation tier for classified evaluation (66号 encourages it): A hardest, C simplest. */
  tier: string;
  /** 条线事项: a line department's item — never pushed down to a township or street unit. */
  lineDepartmentItem: boolean;
  /** The SLA profile used when the catalog entry names none. */
  slaProfile?: string;
  /** Which utility's fault line handles it (water, power, gas, heating), when it is a utility fault. */
  utility?: string;
}

export const CategoryEntity = new EntitySchema<Category>({
  name: 'Category',
  tableName: 'category',
  schema: SCHEMA,
  properties: {
    code: { type: 'string', primary: true, length: 16 },
    name: { type: 'string', length: 64 },
    parentCode: { type: 'string', length: 16, nullable: true, index: true },
    tier: { type: 'string', length: 1, default: 'B' },
    lineDepartmentItem: { type: 'boolean', default: false },
    slaProfile: { type: 'string', length: 32, nullable: true },
    utility: { type: 'string', length: 16, nullable: true },
  },
});

/** 派单目录 — dispatch catalog: category × region → lead unit, co-units, SLA profile, legal basis. */
export interface CatalogEntry {
  id: string;
  categoryCode: string;
  regionCode: string;
  leadUnitId: string;
  coUnitIds: string[];
  slaProfile: string;
  legalBasis?: string;
  validFrom: Date;
  validTo?: Date;
  version: number;
}

export const CatalogEntryEntity = new EntitySchema<CatalogEntry>({
  name: 'CatalogEntry',
  tableName: 'catalog_entry',
  schema: SCHEMA,
  indexes: [{ properties: ['categoryCode', 'regionCode', 'validFrom'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    categoryCode: { type: 'string', length: 16 },
    regionCode: { type: 'string', length: 9 },
    leadUnitId: { type: 'uuid' },
    coUnitIds: { type: 'string[]', columnType: 'uuid[]', default: '{}' },
    slaProfile: { type: 'string', length: 32 },
    legalBasis: { type: 'text', nullable: true },
    validFrom: { type: 'Date', columnType: 'timestamptz' },
    validTo: { type: 'Date', columnType: 'timestamptz', nullable: true },
    version: { type: 'integer', default: 1 },
  },
});

/** 工单 — the work order. Caller data is personal data: read through `policies/` only. */
export interface Case {
  id: string;
  number: string;
  channel: Channel;
  desk: Desk;
  type: CaseType;
  urgency: Urgency;
  disposition: Disposition;
  status: CaseStatus;
  categoryCode?: string;
  title: string;
  description: string;
  /** Six-digit district (or city) code; `regionPath` holds its ancestors for tenancy filters. */
  regionCode: string;
  regionPath: string[];
  townshipCode?: string;
  address?: string;
  grid?: string;
  occurredAt?: Date;
  callerName?: string;
  callerPhone?: string;
  callerIdNumber?: string;
  callerEnterpriseCode?: string;
  callerConfidential: boolean;
  callerAnonymous: boolean;
  callerWhistleblower: boolean;
  callerCallbackConsent: boolean;
  /** Third-party call-centre vendor whose operator took the call, if any. */
  vendor?: string;
  intakeBy: string;
  leadUnitId?: string;
  coUnitIds: string[];
  /** Lead and co-units together: the units that may see the case. */
  assignedUnitIds: string[];
  /** Partner agencies the case is shared with (`petition`, `supervision`, …). */
  sharedWith: string[];
  slaProfile?: string;
  dueAt?: Date;
  masterId?: string;
  legalRoute?: LegalRoute;
  explainReason?: string;
  emergencyLine?: EmergencyLine;
  idempotencyKey?: string;
  payloadHash?: string;
  /** jieba tokens of title and description, for duplicate detection and search. */
  searchText: string;
  /** Keyed HMAC of the normalised caller phone: matches the malicious-caller list without the number. */
  callerPhoneHash?: string;
  knowledgeItemId?: string;
  answerText?: string;
  dispatchedAt?: Date;
  signedAt?: Date;
  /** Until when the lead unit may object to the dispatch (派单异议); after it, it is first-responsible. */
  returnDeadline?: Date;
  /**
   * Until when the lead unit is to sign (签收): the response window of 响应率. The objection window
   * at dispatch; a fresh one after a reopening or a rejected objection (when no objection is possible).
   */
  responseDueAt?: Date;
  /** The time limit of the hotline's own stage the case is in: waiting for dispatch, or a reply waiting for review. */
  stageDueAt?: Date;
  /** Signings after the response window, over every cycle: a late signing is never made on time by a later one. */
  lateSignings: number;
  /** Replies after the deadline, over every cycle (按期办结率). */
  lateReplies: number;
  /**
   * How each of the case's deadlines was computed (deadlines.ts), so it can be computed again; and
   * which of them counted a year whose official holiday schedule was not loaded yet (weekends only).
   */
  deadlineBasis: Partial<Record<CaseDeadline, DeadlineBasis>>;
  provisionalDeadlines: CaseDeadline[];
  repliedAt?: Date;
  replyResult?: ReplyResult;
  replyText?: string;
  followUpDueAt?: Date;
  followUpAttempts: number;
  followUpResolved?: boolean;
  satisfaction?: Satisfaction;
  reopenCount: number;
  sendBackCount: number;
  /** Units the case was dispatched to and that returned it: the "≥ 3 units without a lead" trigger. */
  unitsTried: string[];
  extensionCount: number;
  supervisionLevel?: SupervisionKind;
  closeReason?: string;
  /** When the caller's contact data was erased by the retention job. */
  anonymisedAt?: Date;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  closedAt?: Date;
}

export const CaseEntity = new EntitySchema<Case>({
  name: 'Case',
  tableName: 'case',
  schema: SCHEMA,
  indexes: [
    { properties: ['status'] },
    { properties: ['createdAt', 'id'] },
    { properties: ['leadUnitId'] },
    { properties: ['masterId'] },
    { properties: ['categoryCode', 'regionCode'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    number: { type: 'string', length: 40, unique: true },
    channel: { enum: true, items: () => [...CHANNELS], type: 'string' },
    desk: { enum: true, items: () => [...DESKS], type: 'string', default: 'GENERAL' },
    type: { enum: true, items: () => [...CASE_TYPES], type: 'string' },
    urgency: { enum: true, items: () => [...URGENCIES], type: 'string' },
    disposition: { enum: true, items: () => [...DISPOSITIONS], type: 'string' },
    status: { enum: true, items: () => [...CASE_STATUSES], type: 'string' },
    categoryCode: { type: 'string', length: 16, nullable: true },
    title: { type: 'string', length: 200 },
    description: { type: 'text' },
    regionCode: { type: 'string', length: 9 },
    regionPath: { type: 'string[]', columnType: 'text[]' },
    townshipCode: { type: 'string', length: 9, nullable: true },
    address: { type: 'string', length: 300, nullable: true },
    grid: { type: 'string', length: 64, nullable: true },
    occurredAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    callerName: { type: 'string', length: 64, nullable: true },
    callerPhone: { type: 'string', length: 32, nullable: true },
    callerIdNumber: { type: 'string', length: 32, nullable: true },
    callerEnterpriseCode: { type: 'string', length: 32, nullable: true },
    callerConfidential: { type: 'boolean', default: false },
    callerAnonymous: { type: 'boolean', default: false },
    callerWhistleblower: { type: 'boolean', default: false },
    callerCallbackConsent: { type: 'boolean', default: false },
    vendor: { type: 'string', length: 64, nullable: true },
    intakeBy: { type: 'string', length: 128 },
    leadUnitId: { type: 'uuid', nullable: true },
    coUnitIds: { type: 'string[]', columnType: 'uuid[]', default: '{}' },
    assignedUnitIds: { type: 'string[]', columnType: 'uuid[]', default: '{}' },
    sharedWith: { type: 'string[]', columnType: 'text[]', default: '{}' },
    slaProfile: { type: 'string', length: 32, nullable: true },
    dueAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    masterId: { type: 'uuid', nullable: true },
    legalRoute: { enum: true, items: () => [...LEGAL_ROUTES], type: 'string', nullable: true },
    explainReason: { type: 'text', nullable: true },
    emergencyLine: { enum: true, items: () => [...EMERGENCY_LINES], type: 'string', nullable: true },
    idempotencyKey: { type: 'string', length: 128, nullable: true, unique: true },
    payloadHash: { type: 'string', length: 64, nullable: true },
    searchText: { type: 'text', default: '' },
    callerPhoneHash: { type: 'string', length: 64, nullable: true },
    knowledgeItemId: { type: 'uuid', nullable: true },
    answerText: { type: 'text', nullable: true },
    dispatchedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    signedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    returnDeadline: { type: 'Date', columnType: 'timestamptz', nullable: true },
    responseDueAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    stageDueAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    lateSignings: { type: 'integer', default: 0 },
    lateReplies: { type: 'integer', default: 0 },
    deadlineBasis: { type: 'json', default: '{}' },
    provisionalDeadlines: { type: 'string[]', columnType: 'text[]', default: '{}' },
    repliedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    replyResult: { enum: true, items: () => [...REPLY_RESULTS], type: 'string', nullable: true },
    replyText: { type: 'text', nullable: true },
    followUpDueAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    followUpAttempts: { type: 'integer', default: 0 },
    followUpResolved: { type: 'boolean', nullable: true },
    satisfaction: { enum: true, items: () => [...SATISFACTIONS], type: 'string', nullable: true },
    reopenCount: { type: 'integer', default: 0 },
    sendBackCount: { type: 'integer', default: 0 },
    unitsTried: { type: 'string[]', columnType: 'uuid[]', default: '{}' },
    extensionCount: { type: 'integer', default: 0 },
    supervisionLevel: { enum: true, items: () => [...SUPERVISION_KINDS], type: 'string', nullable: true },
    closeReason: { type: 'string', length: 32, nullable: true },
    anonymisedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    version: { type: 'integer', version: true },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
    closedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});

/** One line of a case's append-only history. */
export interface CaseEvent {
  id: string;
  caseId: string;
  at: Date;
  actorId: string;
  actorRole: string;
  actorUnit?: string;
  action: string;
  fromStatus?: CaseStatus;
  toStatus?: CaseStatus;
  note?: string;
  data?: Record<string, unknown>;
}

export const CaseEventEntity = new EntitySchema<CaseEvent>({
  name: 'CaseEvent',
  tableName: 'case_event',
  schema: SCHEMA,
  indexes: [{ properties: ['caseId', 'at'] }],
  properties: {
    id: { type: new BigIntType('string'), primary: true, autoincrement: true },
    caseId: { type: 'uuid' },
    at: { type: 'Date', columnType: 'timestamptz' },
    actorId: { type: 'string', length: 128 },
    actorRole: { type: 'string', length: 32 },
    actorUnit: { type: 'uuid', nullable: true },
    action: { type: 'string', length: 48 },
    fromStatus: { type: 'string', length: 32, nullable: true },
    toStatus: { type: 'string', length: 32, nullable: true },
    note: { type: 'text', nullable: true },
    data: { type: 'json', nullable: true },
  },
});

/** Knowledge base item (知识库), owned and kept current by a unit. */
export interface KnowledgeItem {
  id: string;
  title: string;
  body: string;
  categoryCode?: string;
  ownerUnitId: string;
  regionCode?: string;
  /** Space-separated jieba tokens of title and body: the search document. */
  searchText: string;
  validFrom: Date;
  validTo?: Date;
  reviewBy?: Date;
  updatedAt: Date;
}

export const KnowledgeItemEntity = new EntitySchema<KnowledgeItem>({
  name: 'KnowledgeItem',
  tableName: 'knowledge_item',
  schema: SCHEMA,
  properties: {
    id: { type: 'uuid', primary: true },
    title: { type: 'string', length: 200 },
    body: { type: 'text' },
    categoryCode: { type: 'string', length: 16, nullable: true },
    ownerUnitId: { type: 'uuid' },
    regionCode: { type: 'string', length: 9, nullable: true },
    searchText: { type: 'text' },
    validFrom: { type: 'Date', columnType: 'timestamptz' },
    validTo: { type: 'Date', columnType: 'timestamptz', nullable: true },
    reviewBy: { type: 'Date', columnType: 'timestamptz', nullable: true },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/** One exceptional day of the PRC calendar: a public holiday or a make-up working day (调休). */
export interface CalendarDay {
  date: string;
  kind: 'HOLIDAY' | 'WORKDAY';
  name?: string;
}

export const CalendarDayEntity = new EntitySchema<CalendarDay>({
  name: 'CalendarDay',
  tableName: 'calendar_day',
  schema: SCHEMA,
  properties: {
    date: { type: 'string', length: 10, primary: true },
    kind: { enum: true, items: () => ['HOLIDAY', 'WORKDAY'], type: 'string' },
    name: { type: 'string', length: 64, nullable: true },
  },
});

/** A year whose holidays and make-up days are loaded: deadlines in other years cannot be computed. */
export interface CalendarYear {
  year: number;
  source: string;
  loadedAt: Date;
}

export const CalendarYearEntity = new EntitySchema<CalendarYear>({
  name: 'CalendarYear',
  tableName: 'calendar_year',
  schema: SCHEMA,
  properties: {
    year: { type: 'integer', primary: true, autoincrement: false },
    source: { type: 'string', length: 128 },
    loadedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/** A time-limit profile (SLA): configuration, not code; docs/domain.md gives the local defaults. */
export interface SlaProfile {
  name: string;
  unit: LimitUnit;
  amount: number;
  description: string;
  /**
   * The objection (and signing) window of cases under this profile; none: `returnWindowWorkingDays`
   * of the settings. Never longer than the time limit itself (an urgent case is signed within it).
   */
  returnWindowUnit?: LimitUnit;
  returnWindowAmount?: number;
}

export const SlaProfileEntity = new EntitySchema<SlaProfile>({
  name: 'SlaProfile',
  tableName: 'sla_profile',
  schema: SCHEMA,
  properties: {
    name: { type: 'string', length: 32, primary: true },
    unit: { enum: true, items: () => [...LIMIT_UNITS], type: 'string' },
    amount: { type: 'integer' },
    description: { type: 'string', length: 200 },
    returnWindowUnit: { enum: true, items: () => [...LIMIT_UNITS], type: 'string', nullable: true },
    returnWindowAmount: { type: 'integer', nullable: true },
  },
});

/** City-configurable settings (return window, extension limits, evaluation weights …), as JSON values. */
export interface Setting {
  key: string;
  value: unknown;
  updatedAt: Date;
}

export const SettingEntity = new EntitySchema<Setting>({
  name: 'Setting',
  tableName: 'setting',
  schema: SCHEMA,
  properties: {
    key: { type: 'string', length: 64, primary: true },
    value: { type: 'json' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/** Per-prefix counters behind readable case numbers (12345-<city>-<date>-<seq>). */
export interface CaseNumberCounter {
  prefix: string;
  last: number;
}

export const CaseNumberCounterEntity = new EntitySchema<CaseNumberCounter>({
  name: 'CaseNumberCounter',
  tableName: 'case_number_counter',
  schema: SCHEMA,
  properties: {
    prefix: { type: 'string', length: 32, primary: true },
    last: { type: 'integer' },
  },
});

/** 派单异议 — a unit's objection to a dispatch, and the dispatcher's decision. */
export interface DispatchObjection {
  id: string;
  caseId: string;
  unitId: string;
  reason: ReturnReason;
  note: string;
  fromStatus: CaseStatus;
  requestedAt: Date;
  requestedBy: string;
  decision?: 'UPHELD' | 'REJECTED';
  reviewedAt?: Date;
  reviewedBy?: string;
  reviewNote?: string;
  newLeadUnitId?: string;
}

export const DispatchObjectionEntity = new EntitySchema<DispatchObjection>({
  name: 'DispatchObjection',
  tableName: 'dispatch_objection',
  schema: SCHEMA,
  indexes: [{ properties: ['caseId', 'requestedAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    caseId: { type: 'uuid' },
    unitId: { type: 'uuid' },
    reason: { enum: true, items: () => [...RETURN_REASONS], type: 'string' },
    note: { type: 'text' },
    fromStatus: { type: 'string', length: 32 },
    requestedAt: { type: 'Date', columnType: 'timestamptz' },
    requestedBy: { type: 'string', length: 128 },
    decision: { enum: true, items: () => ['UPHELD', 'REJECTED'], type: 'string', nullable: true },
    reviewedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    reviewedBy: { type: 'string', length: 128, nullable: true },
    reviewNote: { type: 'text', nullable: true },
    newLeadUnitId: { type: 'uuid', nullable: true },
  },
});

/** A unit's request for more time, approved or refused by a dispatcher. */
export interface ExtensionRequest {
  id: string;
  caseId: string;
  unitId: string;
  workingDays: number;
  note: string;
  requestedAt: Date;
  requestedBy: string;
  decision?: 'APPROVED' | 'REJECTED';
  reviewedAt?: Date;
  reviewedBy?: string;
  previousDueAt?: Date;
  newDueAt?: Date;
}

export const ExtensionRequestEntity = new EntitySchema<ExtensionRequest>({
  name: 'ExtensionRequest',
  tableName: 'extension_request',
  schema: SCHEMA,
  indexes: [{ properties: ['caseId', 'requestedAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    caseId: { type: 'uuid' },
    unitId: { type: 'uuid' },
    workingDays: { type: 'integer' },
    note: { type: 'text' },
    requestedAt: { type: 'Date', columnType: 'timestamptz' },
    requestedBy: { type: 'string', length: 128 },
    decision: { enum: true, items: () => ['APPROVED', 'REJECTED'], type: 'string', nullable: true },
    reviewedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    reviewedBy: { type: 'string', length: 128, nullable: true },
    previousDueAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    newDueAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});

/**
 * 协办 — a co-unit's part in a case: it signs for itself (the lead unit's signature is the unit's
 * response) and submits its opinion (协办意见) to the lead unit.
 */
export interface CoUnitTask {
  id: string;
  caseId: string;
  unitId: string;
  signedAt?: Date;
  signedBy?: string;
  opinion?: string;
  opinionAt?: Date;
  opinionBy?: string;
}

export const CoUnitTaskEntity = new EntitySchema<CoUnitTask>({
  name: 'CoUnitTask',
  tableName: 'co_unit_task',
  schema: SCHEMA,
  uniques: [{ name: 'co_unit_task_case_unit_unique', properties: ['caseId', 'unitId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    caseId: { type: 'uuid' },
    unitId: { type: 'uuid' },
    signedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    signedBy: { type: 'string', length: 128, nullable: true },
    opinion: { type: 'text', nullable: true },
    opinionAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    opinionBy: { type: 'string', length: 128, nullable: true },
  },
});

/** 回访 — one follow-up call (or attempt) with the caller. */
export interface FollowUp {
  id: string;
  caseId: string;
  at: Date;
  by: string;
  reached: boolean;
  resolved?: boolean;
  satisfaction?: Satisfaction;
  note?: string;
}

export const FollowUpEntity = new EntitySchema<FollowUp>({
  name: 'FollowUp',
  tableName: 'follow_up',
  schema: SCHEMA,
  indexes: [{ properties: ['caseId', 'at'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    caseId: { type: 'uuid' },
    at: { type: 'Date', columnType: 'timestamptz' },
    by: { type: 'string', length: 128 },
    reached: { type: 'boolean' },
    resolved: { type: 'boolean', nullable: true },
    satisfaction: { enum: true, items: () => [...SATISFACTIONS], type: 'string', nullable: true },
    note: { type: 'text', nullable: true },
  },
});

/** 督办 — a reminder, supervision, listed supervision or escalation, raised by a person or a trigger. */
export interface Supervision {
  id: string;
  caseId: string;
  kind: SupervisionKind;
  trigger: SupervisionTrigger;
  /** The case's reopen count when it was raised. */
  cycle: number;
  /**
   * The condition an automatic trigger fired for (`due:<deadline>`, `sendBacks`, `units` …): each
   * fires once per condition (a unique index holds it); null for people's acts.
   */
  conditionKey?: string;
  note: string;
  at: Date;
  by: string;
}

export const SupervisionEntity = new EntitySchema<Supervision>({
  name: 'Supervision',
  tableName: 'supervision',
  schema: SCHEMA,
  indexes: [{ properties: ['caseId', 'at'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    caseId: { type: 'uuid' },
    kind: { enum: true, items: () => [...SUPERVISION_KINDS], type: 'string' },
    trigger: { enum: true, items: () => [...SUPERVISION_TRIGGERS], type: 'string' },
    cycle: { type: 'integer', default: 0 },
    conditionKey: { type: 'string', length: 96, nullable: true },
    note: { type: 'text' },
    at: { type: 'Date', columnType: 'timestamptz' },
    by: { type: 'string', length: 128 },
  },
});

/** 漏接来电 — a missed call waiting for a callback. The phone is personal data (classified). */
export interface MissedCall {
  id: string;
  phone: string;
  phoneHash: string;
  calledAt: Date;
  line: string;
  regionCode: string;
  vendor?: string;
  status: MissedCallStatus;
  attempts: number;
  lastAttemptAt?: Date;
  calledBackBy?: string;
  caseId?: string;
  note?: string;
}

export const MissedCallEntity = new EntitySchema<MissedCall>({
  name: 'MissedCall',
  tableName: 'missed_call',
  schema: SCHEMA,
  indexes: [{ properties: ['status', 'calledAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    phone: { type: 'string', length: 32 },
    phoneHash: { type: 'string', length: 64 },
    calledAt: { type: 'Date', columnType: 'timestamptz' },
    line: { type: 'string', length: 32 },
    regionCode: { type: 'string', length: 9 },
    vendor: { type: 'string', length: 64, nullable: true },
    status: { enum: true, items: () => [...MISSED_CALL_STATUSES], type: 'string' },
    attempts: { type: 'integer', default: 0 },
    lastAttemptAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    calledBackBy: { type: 'string', length: 128, nullable: true },
    caseId: { type: 'uuid', nullable: true },
    note: { type: 'text', nullable: true },
  },
});

/** 恶意骚扰名单 — callers referred to public security for malicious disruption, by phone hash only. */
export interface MaliciousCaller {
  phoneHash: string;
  caseId: string;
  addedAt: Date;
  addedBy: string;
}

export const MaliciousCallerEntity = new EntitySchema<MaliciousCaller>({
  name: 'MaliciousCaller',
  tableName: 'malicious_caller',
  schema: SCHEMA,
  properties: {
    phoneHash: { type: 'string', length: 64, primary: true },
    caseId: { type: 'uuid' },
    addedAt: { type: 'Date', columnType: 'timestamptz' },
    addedBy: { type: 'string', length: 128 },
  },
});

/** 预案 — a unit's preparation plan for a season's matters (heating, flood season, school start …). */
export interface PreparednessPlan {
  id: string;
  unitId: string;
  categoryCode: string;
  regionCode: string;
  /** Months (1–12) the plan is for. */
  months: number[];
  title: string;
  body: string;
  updatedAt: Date;
}

export const PreparednessPlanEntity = new EntitySchema<PreparednessPlan>({
  name: 'PreparednessPlan',
  tableName: 'preparedness_plan',
  schema: SCHEMA,
  indexes: [{ properties: ['categoryCode', 'regionCode'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    unitId: { type: 'uuid' },
    categoryCode: { type: 'string', length: 16 },
    regionCode: { type: 'string', length: 9 },
    months: { type: 'number[]', columnType: 'int[]' },
    title: { type: 'string', length: 200 },
    body: { type: 'text' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/** A risk early warning: one per rule and subject and window, linking the cases that raised it. */
export interface RiskWarning {
  id: string;
  /** `rule:subject:window` — the same surge raises one warning, however many cases it has. */
  key: string;
  rule: string;
  level: 'BLUE' | 'YELLOW' | 'ORANGE' | 'RED';
  title: string;
  regionCode: string;
  regionPath: string[];
  categoryCode?: string;
  caseIds: string[];
  raisedAt: Date;
  updatedAt: Date;
  acknowledgedAt?: Date;
  acknowledgedBy?: string;
  acknowledgeNote?: string;
}

export const RiskWarningEntity = new EntitySchema<RiskWarning>({
  name: 'RiskWarning',
  tableName: 'risk_warning',
  schema: SCHEMA,
  indexes: [{ properties: ['raisedAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    key: { type: 'string', length: 200, unique: true },
    rule: { type: 'string', length: 32 },
    level: { enum: true, items: () => ['BLUE', 'YELLOW', 'ORANGE', 'RED'], type: 'string' },
    title: { type: 'string', length: 300 },
    regionCode: { type: 'string', length: 9 },
    regionPath: { type: 'string[]', columnType: 'text[]' },
    categoryCode: { type: 'string', length: 16, nullable: true },
    caseIds: { type: 'string[]', columnType: 'uuid[]' },
    raisedAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
    acknowledgedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    acknowledgedBy: { type: 'string', length: 128, nullable: true },
    acknowledgeNote: { type: 'text', nullable: true },
  },
});

/** A trained intake classifier (智能填单): parameters, and its accuracy on a held-out split. */
export interface IntakeModel {
  id: string;
  trainedAt: Date;
  samples: number;
  accuracy: Record<string, number>;
  parameters: Record<string, unknown>;
}

export const IntakeModelEntity = new EntitySchema<IntakeModel>({
  name: 'IntakeModel',
  tableName: 'intake_model',
  schema: SCHEMA,
  indexes: [{ properties: ['trainedAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    trainedAt: { type: 'Date', columnType: 'timestamptz' },
    samples: { type: 'integer' },
    accuracy: { type: 'json' },
    parameters: { type: 'json' },
  },
});

export const HotlineOutboxEntity = defineOutboxEntity(SCHEMA);

/**
 * A matter in another system that concerns a case (Case.linkedMatters): a petition, a supervision
 * lead, a utility fault order, a 110 incident. Kept current from the connectors' commands, so any
 * authorised user sees one matter across systems from the hotline alone.
 */
export interface CaseLink {
  id: string;
  caseId: string;
  system: MatterSystem;
  partner: string;
  reference: string;
  relation: string;
  status: string;
  linkedAt: Date;
  updatedAt: Date;
}

export const CaseLinkEntity = new EntitySchema<CaseLink>({
  name: 'CaseLink',
  tableName: 'case_link',
  schema: SCHEMA,
  uniques: [{ name: 'case_link_case_system_reference_unique', properties: ['caseId', 'system', 'reference'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    caseId: { type: 'uuid' },
    system: { enum: true, items: () => [...MATTER_SYSTEMS], type: 'string' },
    partner: { type: 'string', length: 32 },
    reference: { type: 'string', length: 64 },
    relation: { type: 'string', length: 32 },
    status: { type: 'string', length: 32 },
    linkedAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/** Partner commands already applied, by outbox message id: a redelivered command changes nothing. */
export interface AppliedCommand {
  messageId: string;
  appliedAt: Date;
}

export const AppliedCommandEntity = new EntitySchema<AppliedCommand>({
  name: 'AppliedCommand',
  tableName: 'applied_command',
  schema: SCHEMA,
  properties: {
    messageId: { type: 'uuid', primary: true },
    appliedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/**
 * A unit's push subscription (66号 (八) 推送): new and changed cases of its categories and region are
 * POSTed to `url`, signed (Standard Webhooks) with `secrets`, and rendered as the registering unit
 * would see them through a query — same row and field policy, same access log.
 */
export interface CaseWebhook {
  id: string;
  unitId: string;
  /** The principal the cases are rendered for: the registering handler's role, unit and region. */
  role: string;
  regionCode?: string;
  url: string;
  /** Only these categories (empty: all the unit may see). */
  categoryCodes: string[];
  /** Only cases in this region or below (null: anywhere the unit may see). */
  filterRegion?: string;
  /** The current signing secret, and the previous one while a rotation is under way. */
  secrets: string[];
  createdAt: Date;
  createdBy: string;
  disabledAt?: Date;
  disabledReason?: string;
}

export const CaseWebhookEntity = new EntitySchema<CaseWebhook>({
  name: 'CaseWebhook',
  tableName: 'case_webhook',
  schema: SCHEMA,
  indexes: [{ properties: ['unitId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    unitId: { type: 'uuid' },
    role: { type: 'string', length: 32 },
    regionCode: { type: 'string', length: 9, nullable: true },
    url: { type: 'string', length: 500 },
    categoryCodes: { type: 'string[]', columnType: 'text[]' },
    filterRegion: { type: 'string', length: 9, nullable: true },
    secrets: { type: 'string[]', columnType: 'text[]' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    createdBy: { type: 'string', length: 128 },
    disabledAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    disabledReason: { type: 'string', length: 300, nullable: true },
  },
});

export const HOTLINE_ENTITIES = [
  CaseLinkEntity,
  AppliedCommandEntity,
  CaseWebhookEntity,
  PreparednessPlanEntity,
  RiskWarningEntity,
  IntakeModelEntity,
  DispatchObjectionEntity,
  ExtensionRequestEntity,
  CoUnitTaskEntity,
  FollowUpEntity,
  SupervisionEntity,
  MissedCallEntity,
  MaliciousCallerEntity,
  HotlineOutboxEntity,
  CalendarDayEntity,
  CalendarYearEntity,
  SlaProfileEntity,
  SettingEntity,
  CaseNumberCounterEntity,
  RegionEntity,
  UnitEntity,
  CategoryEntity,
  CatalogEntryEntity,
  CaseEntity,
  CaseEventEntity,
  KnowledgeItemEntity,
];
