/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What the policy decided for one field read: clear, masked, or refused. */
export type AccessDecision =
  | 'ALLOWED'
  | 'DENIED'
  | 'MASKED';

/** Every key narrows the list (they combine with AND). Periods are [from, to). */
export type AccessEventFilter = {
  /** A Case's global id: every read of that case. */
  caseId?: string | number | null | undefined;
  /** Events with a field decided so; with `field`, that field decided so. */
  decision?: AccessDecision | null | undefined;
  /** A field path, e.g. `caller.phone`: events that read it. */
  field?: string | null | undefined;
  from?: string | null | undefined;
  principalId?: string | null | undefined;
  purpose?: string | null | undefined;
  /** Every event of one request (its `x-request-id`). */
  requestId?: string | null | undefined;
  role?: string | null | undefined;
  /** `Case`, or `AccessLog` for the auditors' own reads. */
  subjectType?: string | null | undefined;
  to?: string | null | undefined;
  /** A unit id: events of principals acting for that unit. */
  unit?: string | null | undefined;
};

/** DIGEST_MISMATCH: the event was changed. SEQ_GAP: events before it were deleted. LINK_MISMATCH: its link to the previous event is wrong. MISSING_PREDECESSOR: the event before the period is gone, with no purge anchor for it. HEAD_MISMATCH: the newest events of the chain are gone. MISSING_EVENTS: a chain has no events left. */
export type AuditChainProblem =
  | 'DIGEST_MISMATCH'
  | 'HEAD_MISMATCH'
  | 'LINK_MISMATCH'
  | 'MISSING_EVENTS'
  | 'MISSING_PREDECESSOR'
  | 'SEQ_GAP';

export type CalendarDayInput = {
  /** YYYY-MM-DD */
  date: string;
  name?: string | null | undefined;
};

export type CallerInput = {
  anonymous?: boolean | null | undefined;
  callbackConsent?: boolean | null | undefined;
  /** The caller asked that their identity be kept from the handling unit. */
  confidential?: boolean | null | undefined;
  /** Unified social credit code (统一社会信用代码) of a company caller. */
  enterpriseCode?: string | null | undefined;
  idNumber?: string | null | undefined;
  name?: string | null | undefined;
  phone?: string | null | undefined;
  whistleblower?: boolean | null | undefined;
};

export type CaseFilter = {
  /** A category code; its children are included. */
  categoryCode?: string | null | undefined;
  from?: string | null | undefined;
  /** Six-digit region code: the region and everything below it. */
  region?: string | null | undefined;
  status?: Array<CaseStatus> | null | undefined;
  /** Words in the title, or an exact case number. */
  text?: string | null | undefined;
  to?: string | null | undefined;
  type?: Array<CaseType> | null | undefined;
  /** Cases assigned to this unit (lead or co-unit). */
  unitId?: string | number | null | undefined;
};

export type CaseStatus =
  | 'ANSWERED_DIRECTLY'
  | 'CLOSED'
  | 'DISPATCHED'
  | 'EXPLAINED'
  | 'FOLLOW_UP_PENDING'
  | 'INFORMED_LEGAL_ROUTE'
  | 'MERGED'
  | 'PENDING_DISPATCH'
  | 'REFERRED_POLICE'
  | 'REGISTERED'
  | 'REPLIED'
  | 'RETURN_REQUESTED'
  | 'SENT_BACK'
  | 'SIGNED'
  | 'TRANSFERRED_OUT';

export type CaseType =
  | 'COMPLAINT'
  | 'CONSULTATION'
  | 'HELP_REQUEST'
  | 'PRAISE'
  | 'REPORT'
  | 'SUGGESTION';

export type CaseWebhookInput = {
  /** Only these categories; all by default. */
  categoryCodes?: Array<string> | null | undefined;
  /** Only cases in this region or below. */
  regionCode?: string | null | undefined;
  /** The unit's receiving endpoint (http or https). */
  url: string;
};

export type Channel =
  | 'APP'
  | 'MAILBOX'
  | 'MINI_PROGRAM'
  | 'MISSED_CALL_CALLBACK'
  | 'PETITION_REFERRAL'
  | 'PHONE'
  | 'PROACTIVE'
  | 'SMS'
  | 'SUPERVISION_LEAD'
  | 'TRANSFER_110'
  | 'UTILITY'
  | 'WEB';

/** Special desks: the enterprise desk (涉企专席) and the dialect desk. */
export type Desk =
  | 'DIALECT'
  | 'ENTERPRISE'
  | 'GENERAL';

/** The mandatory disposition at intake (66号 (二)). */
export type Disposition =
  | 'EXPLAIN'
  | 'HANDLE'
  | 'INFORM_LEGAL_ROUTE'
  | 'REFER_POLICE_MALICIOUS'
  | 'TRANSFER_EMERGENCY';

export type EmergencyLine =
  | 'FIRE_119'
  | 'MEDICAL_120'
  | 'POLICE_110'
  | 'TRAFFIC_122';

export type ExchangeLogFilter = {
  caseNumber?: string | null | undefined;
  direction?: string | null | undefined;
  from?: string | null | undefined;
  messageId?: string | null | undefined;
  outcome?: string | null | undefined;
  partner?: string | null | undefined;
  to?: string | null | undefined;
};

export type FaultOrderStatus =
  | 'ACCEPTED'
  | 'ARRIVED'
  | 'COVERED_BY_OUTAGE'
  | 'FAILED'
  | 'PENDING'
  | 'REJECTED'
  | 'REPLIED'
  | 'RESTORED'
  | 'SENT';

export type FollowUpInput = {
  /** Required when the caller was not reached: the documented attempt. */
  note?: string | null | undefined;
  reached: boolean;
  resolved?: boolean | null | undefined;
  satisfaction?: Satisfaction | null | undefined;
};

export type InboundTransferInput = {
  address?: string | null | undefined;
  callerName?: string | null | undefined;
  callerPhone?: string | null | undefined;
  categoryCode?: string | null | undefined;
  description: string;
  /** The partner's own reference (110: the incident number). */
  externalRef: string;
  /** Unique per message of the partner: a retry with the same key returns the first result. */
  idempotencyKey: string;
  occurredAt?: string | null | undefined;
  region: string;
  title: string;
};

/** The operator answered at once from the knowledge base (disposition HANDLE, no dispatch). */
export type KnowledgeAnswerInput = {
  knowledgeItemId: string | number;
  text: string;
};

export type KnowledgeItemInput = {
  body: string;
  categoryCode?: string | null | undefined;
  /** An existing item to change; none creates one. */
  id?: string | number | null | undefined;
  /** Dispatchers choose the owner; a handler's items belong to its unit. */
  ownerUnitId?: string | number | null | undefined;
  /** When the owner must check it again (default: in 180 days). */
  reviewBy?: string | null | undefined;
  title: string;
  validFrom?: string | null | undefined;
  validTo?: string | null | undefined;
};

export type LegalRoute =
  | 'ADMINISTRATIVE_RECONSIDERATION'
  | 'ALREADY_IN_PETITION'
  | 'ARBITRATION'
  | 'DISCIPLINE'
  | 'INFORMATION_DISCLOSURE'
  | 'LITIGATION';

/** SUBSCRIBED comes first, once the subscription listens: re-read what you need after it, and nothing is missed. RESUBSCRIBED follows a database restart or a lost connection: events in between were not heard, so re-read what you need, as after SUBSCRIBED. */
export type LiveEventKind =
  | 'CHANGED'
  | 'RAISED'
  | 'RESUBSCRIBED'
  | 'SUBSCRIBED';

export type MatterSystem =
  | 'PETITION'
  | 'POLICE_110'
  | 'SUPERVISION'
  | 'UTILITY';

export type MissedCallInput = {
  calledAt: string;
  /** The line or queue the call came in on (e.g. 12345, enterprise desk). */
  line: string;
  phone: string;
  region: string;
};

export type MissedCallStatus =
  | 'CALLED_BACK'
  | 'PENDING'
  | 'UNREACHABLE';

export type OutageKind =
  | 'CURRENT'
  | 'PLANNED';

export type PetitionReferralStatus =
  | 'LINKED'
  | 'RECEIVED'
  | 'REGISTERED'
  | 'REPORTED';

export type PetitionStatus =
  | 'ACCEPTED'
  | 'ANSWERED'
  | 'CONCLUDED'
  | 'IN_PROGRESS'
  | 'REVIEWING';

export type PreparednessPlanInput = {
  body: string;
  categoryCode: string;
  id?: string | number | null | undefined;
  months: Array<number>;
  region: string;
  title: string;
  /** Managers choose the unit; a handler's plans belong to its unit. */
  unitId?: string | number | null | undefined;
};

export type RegisterCaseInput = {
  address?: string | null | undefined;
  answer?: KnowledgeAnswerInput | null | undefined;
  caller: CallerInput;
  categoryCode?: string | null | undefined;
  channel: Channel;
  /** What happened: who, when, where, what, what is asked. */
  description: string;
  /** GENERAL by default; ENTERPRISE (涉企专席) or DIALECT. */
  desk?: Desk | null | undefined;
  disposition: Disposition;
  /** Required when disposition = TRANSFER_EMERGENCY. */
  emergencyLine?: EmergencyLine | null | undefined;
  /** Required when disposition = EXPLAIN. */
  explainReason?: string | null | undefined;
  grid?: string | null | undefined;
  /** A retry with the same key returns the same case; another payload with it is a CONFLICT. */
  idempotencyKey?: string | null | undefined;
  /** Required when disposition = INFORM_LEGAL_ROUTE. */
  legalRoute?: LegalRoute | null | undefined;
  /** The missed call this callback answers (漏接回拨). */
  missedCallId?: string | number | null | undefined;
  occurredAt?: string | null | undefined;
  /** Six-digit code of the district (or city). */
  region: string;
  /** What is asked (诉求), in one line. */
  title: string;
  /** Nine-digit township or street code. */
  township?: string | null | undefined;
  type: CaseType;
  urgency: Urgency;
};

export type ReplyInput = {
  result: ReplyResult;
  text: string;
};

export type ReplyResult =
  | 'EXPLAINED'
  | 'FINAL_REPLY'
  | 'PARTIALLY_RESOLVED'
  | 'RESOLVED';

export type ReturnReason =
  | 'OUT_OF_SCOPE'
  | 'OVERLAPPING_REMITS'
  | 'UNCLEAR_OWNERSHIP'
  | 'WRONG_AREA'
  | 'WRONG_REMIT';

export type Satisfaction =
  | 'BASICALLY_SATISFIED'
  | 'DISSATISFIED'
  | 'SATISFIED';

export type StatsFilter = {
  categoryCode?: string | null | undefined;
  from: string;
  /** NONE by default; TIER (category tiers) and UNIT_KIND (district, township/street, department, enterprise) give the classified evaluation (分档分类). */
  groupBy?: StatsGroupBy | null | undefined;
  region?: string | null | undefined;
  to: string;
  /** Cases led by this unit. */
  unitId?: string | number | null | undefined;
};

export type StatsGroupBy =
  | 'CATEGORY'
  | 'MONTH'
  | 'NONE'
  | 'REGION'
  | 'TIER'
  | 'UNIT'
  | 'UNIT_KIND';

export type SupervisionKind =
  | 'ESCALATION'
  | 'LISTED'
  | 'REMINDER'
  | 'SUPERVISION';

export type SupervisionLeadKind =
  | 'INACTION'
  | 'MISCONDUCT'
  | 'POLICY_NOT_IMPLEMENTED'
  | 'SUGGESTION';

export type SupervisionLeadPriority =
  | 'IMPORTANT'
  | 'NORMAL'
  | 'URGENT';

export type SupervisionLeadStatus =
  | 'CONCLUDED'
  | 'LINKED'
  | 'RECEIVED'
  | 'REGISTERED'
  | 'REPLIED';

export type SupervisionTrigger =
  | 'DISSATISFIED_AFTER_REOPEN'
  | 'MANUAL'
  | 'NO_LEAD_UNIT'
  | 'OVERDUE'
  | 'PARTNER'
  | 'PASSED_AROUND'
  | 'SENT_BACK_REPEATEDLY'
  | 'STAGE_OVERDUE'
  | 'UNSIGNED';

export type TransferDirection =
  | 'INBOUND'
  | 'OUTBOUND';

export type TransferFilter = {
  caseNumber?: string | null | undefined;
  direction?: TransferDirection | null | undefined;
  partner?: string | null | undefined;
  status?: Array<TransferStatus> | null | undefined;
};

export type TransferStatus =
  | 'ACKNOWLEDGED'
  | 'CLOSED'
  | 'DEAD_LETTERED'
  | 'FAILED'
  | 'FEEDBACK_RECEIVED'
  | 'IN_PROGRESS'
  | 'PENDING'
  | 'REJECTED'
  | 'SENT';

export type Urgency =
  | 'NORMAL'
  | 'URGENT'
  | 'VERY_URGENT';

export type Utility =
  | 'GAS'
  | 'HEATING'
  | 'POWER'
  | 'WATER';

export type CalendarCoverageQueryVariables = Exact<{ [key: string]: never; }>;


export type CalendarCoverageQuery = { calendarCoverage: { years: Array<number>, missing: Array<number>, warning: string | null, provisionalCases: number, loaded: { year: number, holidays: Array<string>, workdays: Array<string>, recomputedCases: number, dryRun: boolean } | null } };

export type LoadCalendarYearMutationVariables = Exact<{
  year: number;
  holidays: Array<CalendarDayInput> | CalendarDayInput;
  workdays: Array<CalendarDayInput> | CalendarDayInput;
  source: string;
}>;


export type LoadCalendarYearMutation = { loadCalendarYear: { years: Array<number>, missing: Array<number>, warning: string | null, provisionalCases: number, loaded: { year: number, holidays: Array<string>, workdays: Array<string>, recomputedCases: number, dryRun: boolean } | null } };

export type LoadCalendarNoticeMutationVariables = Exact<{
  year: number;
  notice: string;
  source: string;
  dryRun?: boolean | null | undefined;
}>;


export type LoadCalendarNoticeMutation = { loadCalendarNotice: { years: Array<number>, missing: Array<number>, warning: string | null, provisionalCases: number, loaded: { year: number, holidays: Array<string>, workdays: Array<string>, recomputedCases: number, dryRun: boolean } | null } };

export type CalendarCoverageFieldsFragment = { years: Array<number>, missing: Array<number>, warning: string | null, provisionalCases: number, loaded: { year: number, holidays: Array<string>, workdays: Array<string>, recomputedCases: number, dryRun: boolean } | null };

export type HotlineSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type HotlineSettingsQuery = { hotlineSettings: Array<{ key: string, value: string, defaultValue: string, isDefault: boolean }> };

export type UpdateHotlineSettingMutationVariables = Exact<{
  key: string;
  value: string;
}>;


export type UpdateHotlineSettingMutation = { updateHotlineSetting: { key: string, value: string, isDefault: boolean } };

export type TrainIntakeModelMutationVariables = Exact<{ [key: string]: never; }>;


export type TrainIntakeModelMutation = { trainIntakeModel: { samples: number, testSamples: number, categoryAccuracy: number, categoryBaseline: number, typeAccuracy: number, typeBaseline: number } };

export type EnablePartnerEndpointMutationVariables = Exact<{
  partner: string;
}>;


export type EnablePartnerEndpointMutation = { enablePartnerEndpoint: boolean };

export type AccessEventsQueryVariables = Exact<{
  filter?: AccessEventFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AccessEventsQuery = { accessEvents: { edges: Array<{ cursor: string, node: { id: string, at: string, principalId: string, role: string, unit: string | null, region: string | null, vendor: string | null, partner: string | null, purpose: string | null, operation: string | null, subjectType: string, subjectId: string, caseId: string | null, requestId: string, policyVersion: string, clientAddress: string | null, chain: string, seq: string, fields: Array<{ path: string, decision: AccessDecision }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type VerifyAuditChainQueryVariables = Exact<{
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type VerifyAuditChainQuery = { verifyAuditChain: { ok: boolean, checked: number, firstBrokenId: string | null, breaks: Array<{ chain: string, seq: string, eventId: string | null, at: string | null, problem: AuditChainProblem }>, chains: Array<{ chain: string, checked: number, firstSeq: string | null, lastSeq: string | null, lastHash: string | null, ok: boolean }> } };

export type AccessAnomaliesQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type AccessAnomaliesQuery = { accessAnomalies: { from: string, to: string, thresholds: { bulkReadThreshold: number, denialThreshold: number, workHours: string, timeZone: string }, bulkContactReads: Array<{ principalId: string, role: string, unit: string | null, purpose: string | null, decisions: number, events: number, distinctSubjects: number, firstAt: string, lastAt: string }>, offHoursReads: Array<{ principalId: string, role: string, unit: string | null, purpose: string | null, decisions: number, events: number, distinctSubjects: number, firstAt: string, lastAt: string }>, unjustifiedReads: Array<{ principalId: string, role: string, unit: string | null, purpose: string | null, decisions: number, events: number, distinctSubjects: number, firstAt: string, lastAt: string }>, repeatedDenials: Array<{ principalId: string, role: string, unit: string | null, purpose: string | null, decisions: number, events: number, distinctSubjects: number, firstAt: string, lastAt: string }> } };

export type AccessAnomalyFieldsFragment = { principalId: string, role: string, unit: string | null, purpose: string | null, decisions: number, events: number, distinctSubjects: number, firstAt: string, lastAt: string };

export type ExportAccessEventsQueryVariables = Exact<{
  from: string;
  to: string;
  after?: string | null | undefined;
}>;


export type ExportAccessEventsQuery = { exportAccessEvents: { from: string, to: string, count: number, maxRows: number, truncated: boolean, endCursor: string | null, jsonl: string, sha256: string } };

export type ExchangeLogQueryVariables = Exact<{
  filter?: ExchangeLogFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ExchangeLogQuery = { exchangeLog: { edges: Array<{ node: { seq: string, at: string, partner: string, direction: string, messageId: string, type: string, caseNumber: string | null, principalId: string, signature: string | null, payloadHash: string, outcome: string, httpStatus: number | null, detail: string | null, hash: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type VerifyExchangeLogQueryVariables = Exact<{ [key: string]: never; }>;


export type VerifyExchangeLogQuery = { verifyExchangeLog: { ok: boolean, checked: number, firstBrokenSeq: string | null } };

export type LocateCasesQueryVariables = Exact<{
  callerPhone?: string | null | undefined;
  number?: string | null | undefined;
}>;


export type LocateCasesQuery = { locateCases: Array<{ caseId: string, number: string, registeredAt: string, region: string }> };

export type CasesPageQueryVariables = Exact<{
  filter?: CaseFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CasesPageQuery = { cases: { edges: Array<{ cursor: string, node: { id: string, number: string, title: string, type: CaseType, urgency: Urgency, status: CaseStatus, region: string, dueAt: string | null, overdue: boolean, createdAt: string, caller: { name: string | null, phone: string | null } | null, leadUnit: { id: string, name: string } | null, transfers: Array<{ partner: string, direction: TransferDirection, status: TransferStatus }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CaseDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type CaseDetailQuery = { case: { id: string, number: string, channel: Channel, desk: Desk, type: CaseType, urgency: Urgency, disposition: Disposition, status: CaseStatus, title: string, description: string, region: string, township: string | null, address: string | null, occurredAt: string | null, dueAt: string | null, overdue: boolean, createdAt: string, updatedAt: string, category: { code: string, name: string } | null, caller: { name: string | null, phone: string | null, idNumber: string | null, confidential: boolean, anonymous: boolean, whistleblower: boolean, callbackConsent: boolean } | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }>, master: { id: string, number: string } | null, merged: Array<{ id: string, number: string }>, transfers: Array<{ id: string, partner: string, direction: TransferDirection, status: TransferStatus, externalRef: string | null, createdAt: string }> } | null };

export type CaseByNumberQueryVariables = Exact<{
  number: string;
}>;


export type CaseByNumberQuery = { caseByNumber: { id: string, number: string, status: CaseStatus, title: string } | null };

export type ConsoleRiskWarningsQueryVariables = Exact<{
  acknowledged?: boolean | null | undefined;
  first?: number | null | undefined;
}>;


export type ConsoleRiskWarningsQuery = { riskWarnings: Array<{ id: string, rule: string, level: string, title: string, region: string, caseCount: number, raisedAt: string, updatedAt: string, acknowledgedAt: string | null, acknowledgedBy: string | null, category: { code: string, name: string } | null }> };

export type ConsoleCaseStatsQueryVariables = Exact<{
  filter: StatsFilter;
}>;


export type ConsoleCaseStatsQuery = { caseStats: { weights: { response: number, resolution: number, satisfaction: number }, totals: { key: string, cases: number, dispatched: number, respondedOnTime: number, followedUp: number, resolved: number, satisfied: number, finalReplies: number, responseRate: number | null, resolutionRate: number | null, satisfactionRate: number | null, score: number | null }, groups: Array<{ key: string, cases: number, dispatched: number, respondedOnTime: number, followedUp: number, resolved: number, satisfied: number, finalReplies: number, responseRate: number | null, resolutionRate: number | null, satisfactionRate: number | null, score: number | null }> } };

export type ConsoleCaseRatesFragment = { key: string, cases: number, dispatched: number, respondedOnTime: number, followedUp: number, resolved: number, satisfied: number, finalReplies: number, responseRate: number | null, resolutionRate: number | null, satisfactionRate: number | null, score: number | null };

export type CaseStatsQueryVariables = Exact<{
  filter: StatsFilter;
}>;


export type CaseStatsQuery = { caseStats: { weights: { response: number, resolution: number, satisfaction: number }, totals: { cases: number, responseRate: number | null, resolutionRate: number | null, satisfactionRate: number | null, onTimeCompletionRate: number | null, followUpRate: number | null, repeatCallRate: number | null, score: number | null }, groups: Array<{ key: string, cases: number, responseRate: number | null, resolutionRate: number | null, satisfactionRate: number | null, onTimeCompletionRate: number | null, followUpRate: number | null, repeatCallRate: number | null, score: number | null }> } };

export type RatesFragment = { cases: number, responseRate: number | null, resolutionRate: number | null, satisfactionRate: number | null, onTimeCompletionRate: number | null, followUpRate: number | null, repeatCallRate: number | null, score: number | null };

export type HotspotsQueryVariables = Exact<{
  region: string;
  from: string;
  to: string;
  categoryCode?: string | null | undefined;
}>;


export type HotspotsQuery = { hotspots: Array<{ place: string, placeName: string | null, observed: number, expected: number, pValue: number, ratio: number, caseCount: number, category: { code: string, name: string } | null, cases: Array<{ id: string, number: string, title: string }> }> };

export type CreateProactiveTaskMutationVariables = Exact<{
  place: string;
  categoryCode: string;
  from: string;
  to: string;
  note?: string | null | undefined;
}>;


export type CreateProactiveTaskMutation = { createProactiveTask: { id: string, number: string, channel: Channel, status: CaseStatus, leadUnit: { name: string } | null } };

export type SeasonalOutlookQueryVariables = Exact<{
  region: string;
  month: number;
}>;


export type SeasonalOutlookQuery = { seasonalOutlook: Array<{ expected: number, min: number, max: number, lastYear: number, seasonalIndex: number, category: { code: string, name: string } | null, byYear: Array<{ year: number, count: number }>, plans: Array<{ title: string, unit: { name: string } | null }> }> };

export type SavePreparednessPlanMutationVariables = Exact<{
  input: PreparednessPlanInput;
}>;


export type SavePreparednessPlanMutation = { savePreparednessPlan: { id: string, title: string, months: Array<number> } };

export type RiskWarningsQueryVariables = Exact<{
  acknowledged?: boolean | null | undefined;
  first?: number | null | undefined;
}>;


export type RiskWarningsQuery = { riskWarnings: Array<{ id: string, rule: string, level: string, title: string, caseCount: number, raisedAt: string, acknowledgedAt: string | null, acknowledgedBy: string | null }> };

export type AcknowledgeRiskWarningMutationVariables = Exact<{
  id: string | number;
  note?: string | null | undefined;
}>;


export type AcknowledgeRiskWarningMutation = { acknowledgeRiskWarning: { id: string, acknowledgedAt: string | null, acknowledgedBy: string | null } };

export type SaveKnowledgeItemMutationVariables = Exact<{
  input: KnowledgeItemInput;
}>;


export type SaveKnowledgeItemMutation = { saveKnowledgeItem: { id: string, title: string, reviewBy: string | null } };

export type CaseStateFragment = { id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> };

export type DispatchCaseMutationVariables = Exact<{
  caseId: string | number;
  leadUnitId?: string | number | null | undefined;
  coUnitIds?: Array<string | number> | string | number | null | undefined;
  expectedVersion?: number | null | undefined;
}>;


export type DispatchCaseMutation = { dispatchCase: { id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type ReclassifyCaseMutationVariables = Exact<{
  caseId: string | number;
  categoryCode?: string | null | undefined;
  type?: CaseType | null | undefined;
  urgency?: Urgency | null | undefined;
  note: string;
  expectedVersion?: number | null | undefined;
}>;


export type ReclassifyCaseMutation = { reclassifyCase: { id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type RecallCaseMutationVariables = Exact<{
  caseId: string | number;
  note: string;
  expectedVersion?: number | null | undefined;
}>;


export type RecallCaseMutation = { recallCase: { id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type ReassignCaseMutationVariables = Exact<{
  caseId: string | number;
  leadUnitId: string | number;
  coUnitIds?: Array<string | number> | string | number | null | undefined;
  note: string;
  expectedVersion?: number | null | undefined;
}>;


export type ReassignCaseMutation = { reassignCase: { id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type AddCoUnitsMutationVariables = Exact<{
  caseId: string | number;
  unitIds: Array<string | number> | string | number;
  note: string;
  expectedVersion?: number | null | undefined;
}>;


export type AddCoUnitsMutation = { addCoUnits: { id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type RedisposeCaseMutationVariables = Exact<{
  caseId: string | number;
  disposition: Disposition;
  legalRoute?: LegalRoute | null | undefined;
  explainReason?: string | null | undefined;
  emergencyLine?: EmergencyLine | null | undefined;
  note: string;
  expectedVersion?: number | null | undefined;
}>;


export type RedisposeCaseMutation = { redisposeCase: { id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type SignCaseMutationVariables = Exact<{
  caseId: string | number;
  expectedVersion?: number | null | undefined;
}>;


export type SignCaseMutation = { signCase: { id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type SubmitCoUnitOpinionMutationVariables = Exact<{
  caseId: string | number;
  text: string;
  expectedVersion?: number | null | undefined;
}>;


export type SubmitCoUnitOpinionMutation = { submitCoUnitOpinion: { id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, coUnitWork: Array<{ signedAt: string | null, opinion: string | null, unit: { id: string, name: string } | null }>, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type RequestReturnMutationVariables = Exact<{
  caseId: string | number;
  reason: ReturnReason;
  note: string;
  expectedVersion?: number | null | undefined;
}>;


export type RequestReturnMutation = { requestReturn: { id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type ReviewReturnMutationVariables = Exact<{
  caseId: string | number;
  uphold: boolean;
  newLeadUnitId?: string | number | null | undefined;
  note?: string | null | undefined;
  expectedVersion?: number | null | undefined;
}>;


export type ReviewReturnMutation = { reviewReturn: { id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type RequestExtensionMutationVariables = Exact<{
  caseId: string | number;
  workingDays: number;
  note: string;
  expectedVersion?: number | null | undefined;
}>;


export type RequestExtensionMutation = { requestExtension: { id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type ReviewExtensionMutationVariables = Exact<{
  caseId: string | number;
  approve: boolean;
  note?: string | null | undefined;
  expectedVersion?: number | null | undefined;
}>;


export type ReviewExtensionMutation = { reviewExtension: { extensionCount: number, id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type ReplyCaseMutationVariables = Exact<{
  caseId: string | number;
  input: ReplyInput;
  expectedVersion?: number | null | undefined;
}>;


export type ReplyCaseMutation = { replyCase: { id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type ReviewReplyMutationVariables = Exact<{
  caseId: string | number;
  accept: boolean;
  note?: string | null | undefined;
  expectedVersion?: number | null | undefined;
}>;


export type ReviewReplyMutation = { reviewReply: { sendBackCount: number, id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type MergeCasesMutationVariables = Exact<{
  masterId: string | number;
  caseIds: Array<string | number> | string | number;
}>;


export type MergeCasesMutation = { mergeCases: { id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, merged: Array<{ id: string, number: string, status: CaseStatus }>, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type SuperviseCaseMutationVariables = Exact<{
  caseId: string | number;
  kind: SupervisionKind;
  note: string;
  expectedVersion?: number | null | undefined;
}>;


export type SuperviseCaseMutation = { superviseCase: { supervisionLevel: SupervisionKind | null, urgency: Urgency, id: string, number: string, status: CaseStatus, version: number, dueAt: string | null, overdue: boolean, returnDeadline: string | null, responseDueAt: string | null, stageDueAt: string | null, provisionalDeadlines: Array<string>, closedAt: string | null, closeReason: string | null, leadUnit: { id: string, name: string } | null, coUnits: Array<{ id: string, name: string }> } };

export type RevealCallerContactMutationVariables = Exact<{
  caseId: string | number;
  reason: string;
}>;


export type RevealCallerContactMutation = { revealCallerContact: { name: string | null, phone: string | null } };

export type DuplicateCandidatesQueryVariables = Exact<{
  caseId: string | number;
  first?: number | null | undefined;
}>;


export type DuplicateCandidatesQuery = { duplicateCandidates: Array<{ score: number, reasons: Array<string>, case: { id: string, number: string, title: string, status: CaseStatus } }> };

export type CaseHistoryQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CaseHistoryQuery = { case: { id: string, events: { edges: Array<{ node: { at: string, actorId: string, actorRole: string, action: string, fromStatus: string | null, toStatus: string | null, note: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } }, objections: Array<{ reason: ReturnReason, note: string, decision: string | null }>, extensions: Array<{ workingDays: number, decision: string | null }>, followUps: Array<{ at: string, reached: boolean, satisfaction: Satisfaction | null }>, supervisions: Array<{ kind: SupervisionKind, trigger: SupervisionTrigger, note: string, at: string }> } | null };

export type RegisterCaseMutationVariables = Exact<{
  input: RegisterCaseInput;
}>;


export type RegisterCaseMutation = { registerCase: { id: string, number: string, status: CaseStatus, disposition: Disposition, version: number, caller: { maliciousListed: boolean } | null } };

export type SuggestIntakeQueryVariables = Exact<{
  text: string;
}>;


export type SuggestIntakeQuery = { suggestIntake: { modelAvailable: boolean, region: string | null, township: string | null, regionConfidence: number | null, leadUnitConfidence: number | null, categories: Array<{ value: string, confidence: number }>, types: Array<{ value: string, confidence: number }>, urgencies: Array<{ value: string, confidence: number }>, leadUnit: { id: string, name: string } | null, knowledge: Array<{ id: string, title: string, stale: boolean }>, duplicates: Array<{ id: string, number: string, title: string, status: CaseStatus }> } };

export type SearchKnowledgeQueryVariables = Exact<{
  text: string;
  first?: number | null | undefined;
}>;


export type SearchKnowledgeQuery = { searchKnowledge: Array<{ id: string, title: string, body: string, stale: boolean, score: number, ownerUnit: { name: string } | null }> };

export type MissedCallsQueryVariables = Exact<{
  status?: MissedCallStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MissedCallsQuery = { missedCalls: { edges: Array<{ node: { id: string, phone: string | null, calledAt: string, line: string, region: string, status: MissedCallStatus, attempts: number } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RecordMissedCallMutationVariables = Exact<{
  input: MissedCallInput;
}>;


export type RecordMissedCallMutation = { recordMissedCall: { id: string, status: MissedCallStatus } };

export type RecordCallbackAttemptMutationVariables = Exact<{
  id: string | number;
  reached: boolean;
  note?: string | null | undefined;
}>;


export type RecordCallbackAttemptMutation = { recordCallbackAttempt: { id: string, status: MissedCallStatus, attempts: number } };

export type RecordFollowUpMutationVariables = Exact<{
  caseId: string | number;
  input: FollowUpInput;
  expectedVersion?: number | null | undefined;
}>;


export type RecordFollowUpMutation = { recordFollowUp: { id: string, status: CaseStatus, version: number, reopenCount: number, closeReason: string | null } };

export type PetitionBureauCasesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PetitionBureauCasesQuery = { cases: { edges: Array<{ node: { number: string, status: CaseStatus, title: string, description: string, petitionMatches: Array<{ petitionRef: string }>, petitionReferral: { petitionRef: string, status: PetitionReferralStatus } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SupervisionLeadsQueryVariables = Exact<{
  first?: number | null | undefined;
  overdue?: boolean | null | undefined;
}>;


export type SupervisionLeadsQuery = { supervisionLeads: Array<{ leadRef: string, kind: SupervisionLeadKind, priority: SupervisionLeadPriority, status: SupervisionLeadStatus, linked: boolean, caseNumber: string | null, dueAt: string, overdue: boolean }> };

export type FaultOrdersQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type FaultOrdersQuery = { faultOrders: Array<{ externalRef: string | null, status: FaultOrderStatus, childCount: number, childCaseNumbers: Array<string>, arrivedAt: string | null, restoredAt: string | null }> };

export type OutagesQueryVariables = Exact<{
  region: string;
  at?: string | null | undefined;
}>;


export type OutagesQuery = { outages: Array<{ utility: Utility, kind: OutageKind, externalRef: string, reason: string, endsAt: string | null, answer: string }> };

export type LinkedMattersQueryVariables = Exact<{
  id: string | number;
}>;


export type LinkedMattersQuery = { case: { number: string, linkedMatters: Array<{ system: MatterSystem, reference: string }>, petitionMatches: Array<{ petitionRef: string, status: PetitionStatus }> } | null };

export type CaseChangesSubscriptionVariables = Exact<{
  categoryCodes?: Array<string> | string | null | undefined;
  regionCode?: string | null | undefined;
}>;


export type CaseChangesSubscription = { caseChanges: { kind: LiveEventKind, action: string | null, case: { id: string, number: string, status: CaseStatus, urgency: Urgency, title: string, dueAt: string | null, overdue: boolean, updatedAt: string, category: { code: string, name: string } | null } | null } };

export type RiskWarningRaisedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type RiskWarningRaisedSubscription = { riskWarningRaised: { kind: LiveEventKind, warning: { id: string, rule: string, level: string, title: string, caseCount: number, raisedAt: string } | null } };

export type CaseWebhooksQueryVariables = Exact<{ [key: string]: never; }>;


export type CaseWebhooksQuery = { caseWebhooks: Array<{ id: string, url: string, categoryCodes: Array<string>, regionCode: string | null, rotating: boolean, createdAt: string, disabledAt: string | null, disabledReason: string | null }> };

export type RegisterCaseWebhookMutationVariables = Exact<{
  input: CaseWebhookInput;
}>;


export type RegisterCaseWebhookMutation = { registerCaseWebhook: { secret: string, webhook: { id: string, url: string, categoryCodes: Array<string>, regionCode: string | null } } };

export type RotateCaseWebhookSecretMutationVariables = Exact<{
  id: string | number;
}>;


export type RotateCaseWebhookSecretMutation = { rotateCaseWebhookSecret: { secret: string, webhook: { id: string, rotating: boolean } } };

export type RemoveCaseWebhookMutationVariables = Exact<{
  id: string | number;
}>;


export type RemoveCaseWebhookMutation = { removeCaseWebhook: boolean };

export type UnitsQueryVariables = Exact<{
  region?: string | null | undefined;
}>;


export type UnitsQuery = { units: Array<{ id: string, name: string, kind: string, level: string, region: string }> };

export type CategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type CategoriesQuery = { categories: Array<{ code: string, name: string, tier: string, lineDepartmentItem: boolean, parent: { code: string } | null }> };

export type DispatchCatalogQueryVariables = Exact<{
  region?: string | null | undefined;
  categoryCode?: string | null | undefined;
}>;


export type DispatchCatalogQuery = { dispatchCatalog: Array<{ id: string, categoryCode: string, region: string, slaProfile: string, legalBasis: string | null, validFrom: string, leadUnit: { id: string, name: string }, coUnits: Array<{ id: string, name: string }> }> };

export type RegionsQueryVariables = Exact<{
  within?: string | null | undefined;
}>;


export type RegionsQuery = { regions: Array<{ code: string, name: string, level: string, parent: string | null }> };

export type PartnerTransfersQueryVariables = Exact<{
  filter?: TransferFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PartnerTransfersQuery = { transfers: { edges: Array<{ node: { id: string, partner: string, direction: TransferDirection, status: TransferStatus, externalRef: string | null, caseNumber: string | null, reason: string | null, feedback: string | null, createdAt: string, acknowledgedAt: string | null, case: { number: string, title: string, address: string | null, caller: { name: string | null, phone: string | null } | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ReceiveTransferMutationVariables = Exact<{
  input: InboundTransferInput;
}>;


export type ReceiveTransferMutation = { receiveTransfer: { id: string, status: TransferStatus, externalRef: string | null, createdAt: string } };

export type AcknowledgeTransferMutationVariables = Exact<{
  id: string | number;
  accepted: boolean;
  reason?: string | null | undefined;
  externalRef?: string | null | undefined;
}>;


export type AcknowledgeTransferMutation = { acknowledgeTransfer: { id: string, status: TransferStatus, externalRef: string | null, acknowledgedAt: string | null } };

export type SubmitTransferFeedbackMutationVariables = Exact<{
  id: string | number;
  feedback: string;
  final: boolean;
}>;


export type SubmitTransferFeedbackMutation = { submitTransferFeedback: { id: string, status: TransferStatus, feedback: string | null, closedAt: string | null } };

export type TransferEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type TransferEventsSubscription = { transferEvents: { type: string, at: string, transfer: { id: string, direction: TransferDirection, status: TransferStatus, externalRef: string | null, caseNumber: string | null, feedback: string | null } | null } };

export type TransferCaseMutationVariables = Exact<{
  caseId: string | number;
  partner: string;
  reason: string;
}>;


export type TransferCaseMutation = { transferCase: { id: string, partner: string, status: TransferStatus } };

export type RedriveTransferMutationVariables = Exact<{
  id: string | number;
}>;


export type RedriveTransferMutation = { redriveTransfer: { id: string, status: TransferStatus, attempts: number } };

export const CalendarCoverageFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CalendarCoverageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CalendarCoverage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"years"}},{"kind":"Field","name":{"kind":"Name","value":"missing"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalCases"}},{"kind":"Field","name":{"kind":"Name","value":"loaded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"holidays"}},{"kind":"Field","name":{"kind":"Name","value":"workdays"}},{"kind":"Field","name":{"kind":"Name","value":"recomputedCases"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}}]}}]}}]} as unknown as DocumentNode<CalendarCoverageFieldsFragment, unknown>;
export const AccessAnomalyFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccessAnomalyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccessAnomaly"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"principalId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"decisions"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"distinctSubjects"}},{"kind":"Field","name":{"kind":"Name","value":"firstAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastAt"}}]}}]} as unknown as DocumentNode<AccessAnomalyFieldsFragment, unknown>;
export const ConsoleCaseRatesFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRates"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CaseRates"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"cases"}},{"kind":"Field","name":{"kind":"Name","value":"dispatched"}},{"kind":"Field","name":{"kind":"Name","value":"respondedOnTime"}},{"kind":"Field","name":{"kind":"Name","value":"followedUp"}},{"kind":"Field","name":{"kind":"Name","value":"resolved"}},{"kind":"Field","name":{"kind":"Name","value":"satisfied"}},{"kind":"Field","name":{"kind":"Name","value":"finalReplies"}},{"kind":"Field","name":{"kind":"Name","value":"responseRate"}},{"kind":"Field","name":{"kind":"Name","value":"resolutionRate"}},{"kind":"Field","name":{"kind":"Name","value":"satisfactionRate"}},{"kind":"Field","name":{"kind":"Name","value":"score"}}]}}]} as unknown as DocumentNode<ConsoleCaseRatesFragment, unknown>;
export const RatesFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Rates"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CaseRates"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cases"}},{"kind":"Field","name":{"kind":"Name","value":"responseRate"}},{"kind":"Field","name":{"kind":"Name","value":"resolutionRate"}},{"kind":"Field","name":{"kind":"Name","value":"satisfactionRate"}},{"kind":"Field","name":{"kind":"Name","value":"onTimeCompletionRate"}},{"kind":"Field","name":{"kind":"Name","value":"followUpRate"}},{"kind":"Field","name":{"kind":"Name","value":"repeatCallRate"}},{"kind":"Field","name":{"kind":"Name","value":"score"}}]}}]} as unknown as DocumentNode<RatesFragment, unknown>;
export const CaseStateFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CaseStateFragment, unknown>;
export const CalendarCoverageDocument = {"__meta__":{"hash":"sha256:e975c9dec1256b09dcab6c4f12cc8c7ddf0fb22382b90faad5cacd49f5fdbd09"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CalendarCoverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"calendarCoverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CalendarCoverageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CalendarCoverageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CalendarCoverage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"years"}},{"kind":"Field","name":{"kind":"Name","value":"missing"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalCases"}},{"kind":"Field","name":{"kind":"Name","value":"loaded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"holidays"}},{"kind":"Field","name":{"kind":"Name","value":"workdays"}},{"kind":"Field","name":{"kind":"Name","value":"recomputedCases"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}}]}}]}}]} as unknown as DocumentNode<CalendarCoverageQuery, CalendarCoverageQueryVariables>;
export const LoadCalendarYearDocument = {"__meta__":{"hash":"sha256:74a3eae072c71af78b32a4256da32119b164551711b0ff2f149465fae5054930"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LoadCalendarYear"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"holidays"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CalendarDayInput"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workdays"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CalendarDayInput"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loadCalendarYear"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}},{"kind":"Argument","name":{"kind":"Name","value":"holidays"},"value":{"kind":"Variable","name":{"kind":"Name","value":"holidays"}}},{"kind":"Argument","name":{"kind":"Name","value":"workdays"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workdays"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CalendarCoverageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CalendarCoverageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CalendarCoverage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"years"}},{"kind":"Field","name":{"kind":"Name","value":"missing"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalCases"}},{"kind":"Field","name":{"kind":"Name","value":"loaded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"holidays"}},{"kind":"Field","name":{"kind":"Name","value":"workdays"}},{"kind":"Field","name":{"kind":"Name","value":"recomputedCases"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}}]}}]}}]} as unknown as DocumentNode<LoadCalendarYearMutation, LoadCalendarYearMutationVariables>;
export const LoadCalendarNoticeDocument = {"__meta__":{"hash":"sha256:8d67242ae515c0048c75a53f41b003d8af0562c90df23c54fc43e46ec4b45618"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LoadCalendarNotice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"notice"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loadCalendarNotice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}},{"kind":"Argument","name":{"kind":"Name","value":"notice"},"value":{"kind":"Variable","name":{"kind":"Name","value":"notice"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}},{"kind":"Argument","name":{"kind":"Name","value":"dryRun"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CalendarCoverageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CalendarCoverageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CalendarCoverage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"years"}},{"kind":"Field","name":{"kind":"Name","value":"missing"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalCases"}},{"kind":"Field","name":{"kind":"Name","value":"loaded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"holidays"}},{"kind":"Field","name":{"kind":"Name","value":"workdays"}},{"kind":"Field","name":{"kind":"Name","value":"recomputedCases"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}}]}}]}}]} as unknown as DocumentNode<LoadCalendarNoticeMutation, LoadCalendarNoticeMutationVariables>;
export const HotlineSettingsDocument = {"__meta__":{"hash":"sha256:8973a1b0e22cfa06f40ecbff8c3df3710a2667830bb4adf0479d76c990315462"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HotlineSettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hotlineSettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"defaultValue"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]}}]} as unknown as DocumentNode<HotlineSettingsQuery, HotlineSettingsQueryVariables>;
export const UpdateHotlineSettingDocument = {"__meta__":{"hash":"sha256:ff57e5e8cab8e4c243fe52bbdeefd797a17d88fd0b22672663dc3681e9e5043b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateHotlineSetting"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateHotlineSetting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]}}]} as unknown as DocumentNode<UpdateHotlineSettingMutation, UpdateHotlineSettingMutationVariables>;
export const TrainIntakeModelDocument = {"__meta__":{"hash":"sha256:1fa2c6480f179e189236b114dd3e602d7fe792e380a51ba2c904316dce74091b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TrainIntakeModel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainIntakeModel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"samples"}},{"kind":"Field","name":{"kind":"Name","value":"testSamples"}},{"kind":"Field","name":{"kind":"Name","value":"categoryAccuracy"}},{"kind":"Field","name":{"kind":"Name","value":"categoryBaseline"}},{"kind":"Field","name":{"kind":"Name","value":"typeAccuracy"}},{"kind":"Field","name":{"kind":"Name","value":"typeBaseline"}}]}}]}}]} as unknown as DocumentNode<TrainIntakeModelMutation, TrainIntakeModelMutationVariables>;
export const EnablePartnerEndpointDocument = {"__meta__":{"hash":"sha256:b48db95039e2c1daff9972084c848180ee433ea0b31ef0656bf6268e0918a351"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnablePartnerEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"partner"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enablePartnerEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"partner"},"value":{"kind":"Variable","name":{"kind":"Name","value":"partner"}}}]}]}}]} as unknown as DocumentNode<EnablePartnerEndpointMutation, EnablePartnerEndpointMutationVariables>;
export const AccessEventsDocument = {"__meta__":{"hash":"sha256:1025f0988cc5b440c1cdd5eeff0cd6cb6acca6ef90a8bf42a7cdb81c91ee3608"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccessEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AccessEventFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"principalId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"partner"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"caseId"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"policyVersion"}},{"kind":"Field","name":{"kind":"Name","value":"clientAddress"}},{"kind":"Field","name":{"kind":"Name","value":"chain"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<AccessEventsQuery, AccessEventsQueryVariables>;
export const VerifyAuditChainDocument = {"__meta__":{"hash":"sha256:c07576da26910b26dc8ce0faeb4578e0fb1107aef5c2768d93b9d5413345b413"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifyAuditChain"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyAuditChain"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"firstBrokenId"}},{"kind":"Field","name":{"kind":"Name","value":"breaks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chain"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"problem"}}]}},{"kind":"Field","name":{"kind":"Name","value":"chains"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chain"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeq"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeq"}},{"kind":"Field","name":{"kind":"Name","value":"lastHash"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]}}]} as unknown as DocumentNode<VerifyAuditChainQuery, VerifyAuditChainQueryVariables>;
export const AccessAnomaliesDocument = {"__meta__":{"hash":"sha256:cb1285f602fb4b80784144375265bfc813a7678270f1bc999cc18fff8afbcae1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccessAnomalies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessAnomalies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"thresholds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkReadThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"denialThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"workHours"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bulkContactReads"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccessAnomalyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"offHoursReads"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccessAnomalyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unjustifiedReads"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccessAnomalyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"repeatedDenials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccessAnomalyFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccessAnomalyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccessAnomaly"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"principalId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"decisions"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"distinctSubjects"}},{"kind":"Field","name":{"kind":"Name","value":"firstAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastAt"}}]}}]} as unknown as DocumentNode<AccessAnomaliesQuery, AccessAnomaliesQueryVariables>;
export const ExportAccessEventsDocument = {"__meta__":{"hash":"sha256:e7a9e4c4d96083fbb3d64a32e2065283151632bfd5c0b91ebd9f10c83423ada0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExportAccessEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportAccessEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"maxRows"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"jsonl"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}}]}}]}}]} as unknown as DocumentNode<ExportAccessEventsQuery, ExportAccessEventsQueryVariables>;
export const ExchangeLogDocument = {"__meta__":{"hash":"sha256:c7e58569391cf8986a76e7057aef29b747cc672e08dc57bba1f1aca670185d6c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExchangeLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ExchangeLogFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exchangeLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"partner"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"principalId"}},{"kind":"Field","name":{"kind":"Name","value":"signature"}},{"kind":"Field","name":{"kind":"Name","value":"payloadHash"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"hash"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ExchangeLogQuery, ExchangeLogQueryVariables>;
export const VerifyExchangeLogDocument = {"__meta__":{"hash":"sha256:9a2a1fe565af2fff446a2d5f94f0016c5541c9bd2f654d03f82d4329d83c86e6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifyExchangeLog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyExchangeLog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"firstBrokenSeq"}}]}}]}}]} as unknown as DocumentNode<VerifyExchangeLogQuery, VerifyExchangeLogQueryVariables>;
export const LocateCasesDocument = {"__meta__":{"hash":"sha256:26c6036cacaa0d5703c53760af5561ae1b80cded2b15e0a23b7c5509321a5d56"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LocateCases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"callerPhone"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locateCases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"callerPhone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"callerPhone"}}},{"kind":"Argument","name":{"kind":"Name","value":"number"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"registeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"region"}}]}}]}}]} as unknown as DocumentNode<LocateCasesQuery, LocateCasesQueryVariables>;
export const CasesPageDocument = {"__meta__":{"hash":"sha256:0d466f29bc89373119557678ffd57638bd5d7ca7b5c17e21d9b64a26708cea2f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CasesPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CaseFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"urgency"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"caller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transfers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partner"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CasesPageQuery, CasesPageQueryVariables>;
export const CaseDetailDocument = {"__meta__":{"hash":"sha256:6574718566c63d1bedd8bea8b04c654d2513d89be093280404f04910b6b779bd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CaseDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"desk"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"urgency"}},{"kind":"Field","name":{"kind":"Name","value":"disposition"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"township"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"caller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"idNumber"}},{"kind":"Field","name":{"kind":"Name","value":"confidential"}},{"kind":"Field","name":{"kind":"Name","value":"anonymous"}},{"kind":"Field","name":{"kind":"Name","value":"whistleblower"}},{"kind":"Field","name":{"kind":"Name","value":"callbackConsent"}}]}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"master"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}}]}},{"kind":"Field","name":{"kind":"Name","value":"merged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transfers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"partner"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<CaseDetailQuery, CaseDetailQueryVariables>;
export const CaseByNumberDocument = {"__meta__":{"hash":"sha256:d5ae6cafad1970f7d109cec7f946377bd6266e96bc0124994d3456a3bb8a23c3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CaseByNumber"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseByNumber"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"number"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<CaseByNumberQuery, CaseByNumberQueryVariables>;
export const ConsoleRiskWarningsDocument = {"__meta__":{"hash":"sha256:963fa850a030de7aaabe0e7f4e9f40980174e592cc28a57493ee74db558dbe30"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleRiskWarnings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"acknowledged"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riskWarnings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"acknowledged"},"value":{"kind":"Variable","name":{"kind":"Name","value":"acknowledged"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"caseCount"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"}}]}}]}}]} as unknown as DocumentNode<ConsoleRiskWarningsQuery, ConsoleRiskWarningsQueryVariables>;
export const ConsoleCaseStatsDocument = {"__meta__":{"hash":"sha256:b723d5f5db7f070834253c168d78052e7e46258bd76a09487d0086872786c615"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCaseStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StatsFilter"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"response"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"satisfaction"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRates"}}]}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRates"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRates"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CaseRates"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"cases"}},{"kind":"Field","name":{"kind":"Name","value":"dispatched"}},{"kind":"Field","name":{"kind":"Name","value":"respondedOnTime"}},{"kind":"Field","name":{"kind":"Name","value":"followedUp"}},{"kind":"Field","name":{"kind":"Name","value":"resolved"}},{"kind":"Field","name":{"kind":"Name","value":"satisfied"}},{"kind":"Field","name":{"kind":"Name","value":"finalReplies"}},{"kind":"Field","name":{"kind":"Name","value":"responseRate"}},{"kind":"Field","name":{"kind":"Name","value":"resolutionRate"}},{"kind":"Field","name":{"kind":"Name","value":"satisfactionRate"}},{"kind":"Field","name":{"kind":"Name","value":"score"}}]}}]} as unknown as DocumentNode<ConsoleCaseStatsQuery, ConsoleCaseStatsQueryVariables>;
export const CaseStatsDocument = {"__meta__":{"hash":"sha256:e71d23c3fc83d2f8cb4b00d5179eb58b51ad1dab0a126b58da6e4fd6047dbd8a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CaseStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StatsFilter"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"response"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"satisfaction"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Rates"}}]}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Rates"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Rates"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CaseRates"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cases"}},{"kind":"Field","name":{"kind":"Name","value":"responseRate"}},{"kind":"Field","name":{"kind":"Name","value":"resolutionRate"}},{"kind":"Field","name":{"kind":"Name","value":"satisfactionRate"}},{"kind":"Field","name":{"kind":"Name","value":"onTimeCompletionRate"}},{"kind":"Field","name":{"kind":"Name","value":"followUpRate"}},{"kind":"Field","name":{"kind":"Name","value":"repeatCallRate"}},{"kind":"Field","name":{"kind":"Name","value":"score"}}]}}]} as unknown as DocumentNode<CaseStatsQuery, CaseStatsQueryVariables>;
export const HotspotsDocument = {"__meta__":{"hash":"sha256:8be559a8c8efd373cee73d17530cfc343240834b0d74f350a13aeb41c50e4655"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Hotspots"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"categoryCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hotspots"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"categoryCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"categoryCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"place"}},{"kind":"Field","name":{"kind":"Name","value":"placeName"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"observed"}},{"kind":"Field","name":{"kind":"Name","value":"expected"}},{"kind":"Field","name":{"kind":"Name","value":"pValue"}},{"kind":"Field","name":{"kind":"Name","value":"ratio"}},{"kind":"Field","name":{"kind":"Name","value":"caseCount"}},{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<HotspotsQuery, HotspotsQueryVariables>;
export const CreateProactiveTaskDocument = {"__meta__":{"hash":"sha256:e2cdc15d8e41c2012a954993c3efd8244bfccbcaea139a7879103ff5df29c1dd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateProactiveTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"place"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"categoryCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProactiveTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"place"},"value":{"kind":"Variable","name":{"kind":"Name","value":"place"}}},{"kind":"Argument","name":{"kind":"Name","value":"categoryCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"categoryCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<CreateProactiveTaskMutation, CreateProactiveTaskMutationVariables>;
export const SeasonalOutlookDocument = {"__meta__":{"hash":"sha256:a57cac22696ba3c47129eb9ccefd143c38556b21561574a61aad30a75de72ae5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SeasonalOutlook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"month"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seasonalOutlook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}},{"kind":"Argument","name":{"kind":"Name","value":"month"},"value":{"kind":"Variable","name":{"kind":"Name","value":"month"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expected"}},{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"lastYear"}},{"kind":"Field","name":{"kind":"Name","value":"seasonalIndex"}},{"kind":"Field","name":{"kind":"Name","value":"byYear"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"plans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SeasonalOutlookQuery, SeasonalOutlookQueryVariables>;
export const SavePreparednessPlanDocument = {"__meta__":{"hash":"sha256:cea30830744b8f93e2ece80340fa6fa5a4555ede4e7e198058e075153f9d5816"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SavePreparednessPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PreparednessPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"savePreparednessPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"months"}}]}}]}}]} as unknown as DocumentNode<SavePreparednessPlanMutation, SavePreparednessPlanMutationVariables>;
export const RiskWarningsDocument = {"__meta__":{"hash":"sha256:f962bb58636ba807c1d3c915106b291d8ba20e3666bdfaed2261185d3ea500ac"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RiskWarnings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"acknowledged"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riskWarnings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"acknowledged"},"value":{"kind":"Variable","name":{"kind":"Name","value":"acknowledged"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"caseCount"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"}}]}}]}}]} as unknown as DocumentNode<RiskWarningsQuery, RiskWarningsQueryVariables>;
export const AcknowledgeRiskWarningDocument = {"__meta__":{"hash":"sha256:c677cb8b21daf384667a1eb8429575d110408f4f88bfeaff651281ca81ffe282"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcknowledgeRiskWarning"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acknowledgeRiskWarning"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"}}]}}]}}]} as unknown as DocumentNode<AcknowledgeRiskWarningMutation, AcknowledgeRiskWarningMutationVariables>;
export const SaveKnowledgeItemDocument = {"__meta__":{"hash":"sha256:af118719348a49bccde76b86b0755f35bd4233f909b2de63d7f6f50e01d2707a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SaveKnowledgeItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KnowledgeItemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"saveKnowledgeItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"reviewBy"}}]}}]}}]} as unknown as DocumentNode<SaveKnowledgeItemMutation, SaveKnowledgeItemMutationVariables>;
export const DispatchCaseDocument = {"__meta__":{"hash":"sha256:e3bf5e2676582d09f2c9bcc4b2d7f6281a5e6af85e87fd9d7fe5a22adf2a7580"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DispatchCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"leadUnitId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"coUnitIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dispatchCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"leadUnitId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"leadUnitId"}}},{"kind":"Argument","name":{"kind":"Name","value":"coUnitIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"coUnitIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<DispatchCaseMutation, DispatchCaseMutationVariables>;
export const ReclassifyCaseDocument = {"__meta__":{"hash":"sha256:fb18c8f99273dfd4500ca7a871c98c90adff6b5991bd2dd1d185db232b3eec56"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReclassifyCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"categoryCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CaseType"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"urgency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Urgency"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reclassifyCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"categoryCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"categoryCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}},{"kind":"Argument","name":{"kind":"Name","value":"urgency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"urgency"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ReclassifyCaseMutation, ReclassifyCaseMutationVariables>;
export const RecallCaseDocument = {"__meta__":{"hash":"sha256:537a8a8addba97b5c9c625ecc833d68220af7078ad689fde17ccecbe888de157"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecallCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recallCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RecallCaseMutation, RecallCaseMutationVariables>;
export const ReassignCaseDocument = {"__meta__":{"hash":"sha256:de2cbcc3032cbc0f614bd35587edd58c4e48dd54340f2735d0359abc4556f999"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReassignCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"leadUnitId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"coUnitIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reassignCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"leadUnitId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"leadUnitId"}}},{"kind":"Argument","name":{"kind":"Name","value":"coUnitIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"coUnitIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ReassignCaseMutation, ReassignCaseMutationVariables>;
export const AddCoUnitsDocument = {"__meta__":{"hash":"sha256:86b35e1e2baad1e55a084797d6d615df7886ee516f609d295ff99129303d7947"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddCoUnits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unitIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addCoUnits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"unitIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unitIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<AddCoUnitsMutation, AddCoUnitsMutationVariables>;
export const RedisposeCaseDocument = {"__meta__":{"hash":"sha256:fe6610d8ebfb9019e0df0d24587b7d37531c07fe368ffb1177cd04ee3d230b53"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RedisposeCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"disposition"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Disposition"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"legalRoute"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LegalRoute"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"explainReason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"emergencyLine"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EmergencyLine"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"redisposeCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"disposition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"disposition"}}},{"kind":"Argument","name":{"kind":"Name","value":"legalRoute"},"value":{"kind":"Variable","name":{"kind":"Name","value":"legalRoute"}}},{"kind":"Argument","name":{"kind":"Name","value":"explainReason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"explainReason"}}},{"kind":"Argument","name":{"kind":"Name","value":"emergencyLine"},"value":{"kind":"Variable","name":{"kind":"Name","value":"emergencyLine"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RedisposeCaseMutation, RedisposeCaseMutationVariables>;
export const SignCaseDocument = {"__meta__":{"hash":"sha256:8ccfe877cd27a5fc23afbbf2ef3697c0357b13dc4814460b5a9677e907c47a47"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SignCaseMutation, SignCaseMutationVariables>;
export const SubmitCoUnitOpinionDocument = {"__meta__":{"hash":"sha256:e3b664e47732a88fa5803f44c155549a69e584b26ac075d360cd12621a5daf86"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitCoUnitOpinion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitCoUnitOpinion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}},{"kind":"Field","name":{"kind":"Name","value":"coUnitWork"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"signedAt"}},{"kind":"Field","name":{"kind":"Name","value":"opinion"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SubmitCoUnitOpinionMutation, SubmitCoUnitOpinionMutationVariables>;
export const RequestReturnDocument = {"__meta__":{"hash":"sha256:6500bbff82cb7a1b4508143ef19e323a018e9a0fa86194a29599ea0b7e5d7978"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestReturn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReturnReason"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestReturn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RequestReturnMutation, RequestReturnMutationVariables>;
export const ReviewReturnDocument = {"__meta__":{"hash":"sha256:6183476278cc62cd3d60ec976dcba4252e8957370137eac8fc96b7ad3a67e32d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReviewReturn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uphold"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"newLeadUnitId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviewReturn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"uphold"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uphold"}}},{"kind":"Argument","name":{"kind":"Name","value":"newLeadUnitId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"newLeadUnitId"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ReviewReturnMutation, ReviewReturnMutationVariables>;
export const RequestExtensionDocument = {"__meta__":{"hash":"sha256:246de7f8da43ef8f15e2625363d47920295ae846c87b0ae75c526fd3241a0e26"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestExtension"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workingDays"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestExtension"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"workingDays"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workingDays"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RequestExtensionMutation, RequestExtensionMutationVariables>;
export const ReviewExtensionDocument = {"__meta__":{"hash":"sha256:93e37761aa35631ba8f3d366aa34a224a77a7c00a5fc58870d3ef6c2342ec285"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReviewExtension"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"approve"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviewExtension"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"approve"},"value":{"kind":"Variable","name":{"kind":"Name","value":"approve"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}},{"kind":"Field","name":{"kind":"Name","value":"extensionCount"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ReviewExtensionMutation, ReviewExtensionMutationVariables>;
export const ReplyCaseDocument = {"__meta__":{"hash":"sha256:e5830e897ab2dfdbcd85ef7ac8a40a6e3478c47146986d22a9a3704e88a015f2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReplyCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReplyInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replyCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ReplyCaseMutation, ReplyCaseMutationVariables>;
export const ReviewReplyDocument = {"__meta__":{"hash":"sha256:1582bf4cc2b15361bb098c08afa7c924ef9d86b2c0b62cb96f1e5e5dddc431e2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReviewReply"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accept"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviewReply"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"accept"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accept"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}},{"kind":"Field","name":{"kind":"Name","value":"sendBackCount"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ReviewReplyMutation, ReviewReplyMutationVariables>;
export const MergeCasesDocument = {"__meta__":{"hash":"sha256:7f75f1162c1942fb5fb6d1c3c18299fc453d486b0aba62d1c710f8cce696a6cb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MergeCases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"masterId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mergeCases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"masterId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"masterId"}}},{"kind":"Argument","name":{"kind":"Name","value":"caseIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}},{"kind":"Field","name":{"kind":"Name","value":"merged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<MergeCasesMutation, MergeCasesMutationVariables>;
export const SuperviseCaseDocument = {"__meta__":{"hash":"sha256:16c4c5ab7fb1b0cf4bbecda9785e5bd2fd76fe7f1c0a1b5eb9288e61b889c97f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SuperviseCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SupervisionKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"superviseCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CaseState"}},{"kind":"Field","name":{"kind":"Name","value":"supervisionLevel"}},{"kind":"Field","name":{"kind":"Name","value":"urgency"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CaseState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"returnDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"responseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"provisionalDeadlines"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SuperviseCaseMutation, SuperviseCaseMutationVariables>;
export const RevealCallerContactDocument = {"__meta__":{"hash":"sha256:24a430b8a63fd8a221e3b3854776bd6e352c17f203290efe5836db165e7a18d1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevealCallerContact"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revealCallerContact"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}}]}}]} as unknown as DocumentNode<RevealCallerContactMutation, RevealCallerContactMutationVariables>;
export const DuplicateCandidatesDocument = {"__meta__":{"hash":"sha256:79477c59ac85ec40ddc3541323fc54904f6c7c0284f8773a9074a1f7dbcdf8d5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DuplicateCandidates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"duplicateCandidates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<DuplicateCandidatesQuery, DuplicateCandidatesQueryVariables>;
export const CaseHistoryDocument = {"__meta__":{"hash":"sha256:b21179532bc2980a33b0fa42a616ed6e71624d0278926dc343a1ca2d1e8e109b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CaseHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"actorId"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"objections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}}]}},{"kind":"Field","name":{"kind":"Name","value":"extensions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workingDays"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}}]}},{"kind":"Field","name":{"kind":"Name","value":"followUps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reached"}},{"kind":"Field","name":{"kind":"Name","value":"satisfaction"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supervisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]}}]} as unknown as DocumentNode<CaseHistoryQuery, CaseHistoryQueryVariables>;
export const RegisterCaseDocument = {"__meta__":{"hash":"sha256:b8ec25e57b0f15a0c61d9654926567214cf735b583abb05be0b93aebb804fc2d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"disposition"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"caller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"maliciousListed"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterCaseMutation, RegisterCaseMutationVariables>;
export const SuggestIntakeDocument = {"__meta__":{"hash":"sha256:3088eb7dd9a26a2a765e32dc45d3e226dcfd41866918b22948aaf7e873531af0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SuggestIntake"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suggestIntake"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"modelAvailable"}},{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}}]}},{"kind":"Field","name":{"kind":"Name","value":"types"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}}]}},{"kind":"Field","name":{"kind":"Name","value":"urgencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}}]}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"township"}},{"kind":"Field","name":{"kind":"Name","value":"regionConfidence"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"leadUnitConfidence"}},{"kind":"Field","name":{"kind":"Name","value":"knowledge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"stale"}}]}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<SuggestIntakeQuery, SuggestIntakeQueryVariables>;
export const SearchKnowledgeDocument = {"__meta__":{"hash":"sha256:c60c7d9abdb83b4037b4c288cd43f28a25629021fc24c997fe71ad11f07a2e3c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchKnowledge"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchKnowledge"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"stale"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"ownerUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<SearchKnowledgeQuery, SearchKnowledgeQueryVariables>;
export const MissedCallsDocument = {"__meta__":{"hash":"sha256:a050f98c678f456b9fae1afb76c2b7da7cac6d0701a67ffc42d2e8d104d0e1bc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MissedCalls"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MissedCallStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"missedCalls"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"calledAt"}},{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<MissedCallsQuery, MissedCallsQueryVariables>;
export const RecordMissedCallDocument = {"__meta__":{"hash":"sha256:bf83e7a5c2941eaa0a655273c3569544d0374f53fce5425e147819f123a8e9f4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordMissedCall"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MissedCallInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordMissedCall"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<RecordMissedCallMutation, RecordMissedCallMutationVariables>;
export const RecordCallbackAttemptDocument = {"__meta__":{"hash":"sha256:d80c0ae429e63aa2f3abce73b93e95227538e8a388c41bde4ab8f8c875653263"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordCallbackAttempt"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reached"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordCallbackAttempt"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reached"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reached"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}}]}}]}}]} as unknown as DocumentNode<RecordCallbackAttemptMutation, RecordCallbackAttemptMutationVariables>;
export const RecordFollowUpDocument = {"__meta__":{"hash":"sha256:fde146fbe805cf1da7d81922309a44138d943fcd2f0554fc38d77bf740f4168e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordFollowUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FollowUpInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordFollowUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"reopenCount"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}}]}}]}}]} as unknown as DocumentNode<RecordFollowUpMutation, RecordFollowUpMutationVariables>;
export const PetitionBureauCasesDocument = {"__meta__":{"hash":"sha256:c26ef4723f70e43eccf3163c483e0b8c08547380a5952e906b5bdb7e058faa13"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PetitionBureauCases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"petitionMatches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"petitionRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"petitionReferral"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"petitionRef"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<PetitionBureauCasesQuery, PetitionBureauCasesQueryVariables>;
export const SupervisionLeadsDocument = {"__meta__":{"hash":"sha256:ad75ad08abe70a5d9b492b54f850e277b1e160f5ccce990c8548f5e871259ae6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SupervisionLeads"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"overdue"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supervisionLeads"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"overdue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"overdue"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"leadRef"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"linked"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}}]}}]}}]} as unknown as DocumentNode<SupervisionLeadsQuery, SupervisionLeadsQueryVariables>;
export const FaultOrdersDocument = {"__meta__":{"hash":"sha256:69cd40fadbb04a99187523e01d2591381a89982e8a6cfbf1ce49ebf807719604"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FaultOrders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"faultOrders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"childCount"}},{"kind":"Field","name":{"kind":"Name","value":"childCaseNumbers"}},{"kind":"Field","name":{"kind":"Name","value":"arrivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"restoredAt"}}]}}]}}]} as unknown as DocumentNode<FaultOrdersQuery, FaultOrdersQueryVariables>;
export const OutagesDocument = {"__meta__":{"hash":"sha256:1ce11d1337c221549855afb337cea15cd0b6b3b87120fab519f833220ff6ccf1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Outages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"at"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}},{"kind":"Argument","name":{"kind":"Name","value":"at"},"value":{"kind":"Variable","name":{"kind":"Name","value":"at"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"utility"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"answer"}}]}}]}}]} as unknown as DocumentNode<OutagesQuery, OutagesQueryVariables>;
export const LinkedMattersDocument = {"__meta__":{"hash":"sha256:d930c2dbbdc80085ca12495b764dafc28f594030b24feb9fb0863d106e88e91f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LinkedMatters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"linkedMatters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}}]}},{"kind":"Field","name":{"kind":"Name","value":"petitionMatches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"petitionRef"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<LinkedMattersQuery, LinkedMattersQueryVariables>;
export const CaseChangesDocument = {"__meta__":{"hash":"sha256:8c2c93df461641724fe6b88805693179366733a83efcd1a6f0d99547294715bb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CaseChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"categoryCodes"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseChanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"categoryCodes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"categoryCodes"}}},{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"urgency"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]} as unknown as DocumentNode<CaseChangesSubscription, CaseChangesSubscriptionVariables>;
export const RiskWarningRaisedDocument = {"__meta__":{"hash":"sha256:47d058ccb89fa710ac9147fab1c8555cbe804e479980420ae0b5e772ac4097d7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RiskWarningRaised"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riskWarningRaised"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"warning"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"caseCount"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}}]}}]}}]}}]} as unknown as DocumentNode<RiskWarningRaisedSubscription, RiskWarningRaisedSubscriptionVariables>;
export const CaseWebhooksDocument = {"__meta__":{"hash":"sha256:9e9a9c28568ed22b75b83dad7a316c7d356093ddc1f480b9a24638ed1a93fc34"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CaseWebhooks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseWebhooks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCodes"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"rotating"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}}]}}]}}]} as unknown as DocumentNode<CaseWebhooksQuery, CaseWebhooksQueryVariables>;
export const RegisterCaseWebhookDocument = {"__meta__":{"hash":"sha256:b5d37114b2615895ab6cd801df8cb0ada754fd630e4cd3bd0302a7c9ee5d2802"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterCaseWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CaseWebhookInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerCaseWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"webhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCodes"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterCaseWebhookMutation, RegisterCaseWebhookMutationVariables>;
export const RotateCaseWebhookSecretDocument = {"__meta__":{"hash":"sha256:e7b1ca210d56b527eef64e7c871e02d154b66569f331d94d29a1dd29b9703812"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RotateCaseWebhookSecret"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateCaseWebhookSecret"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"webhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rotating"}}]}}]}}]}}]} as unknown as DocumentNode<RotateCaseWebhookSecretMutation, RotateCaseWebhookSecretMutationVariables>;
export const RemoveCaseWebhookDocument = {"__meta__":{"hash":"sha256:4eb5457820478b4e789aa5ea1b2d2ee1b83068819dd33c4e04422aef2bc83aac"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveCaseWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeCaseWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<RemoveCaseWebhookMutation, RemoveCaseWebhookMutationVariables>;
export const UnitsDocument = {"__meta__":{"hash":"sha256:bd1a2b7c76b139ac536100956c08176726af4f6957edf978294eb4131e986793"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Units"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"units"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"region"}}]}}]}}]} as unknown as DocumentNode<UnitsQuery, UnitsQueryVariables>;
export const CategoriesDocument = {"__meta__":{"hash":"sha256:0e4620116437f7b1b152af535bc4fb1815902361cb7995bb4fb2e221113cd388"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"lineDepartmentItem"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CategoriesQuery, CategoriesQueryVariables>;
export const DispatchCatalogDocument = {"__meta__":{"hash":"sha256:9a30845f4cbb59251a7847b87b9e7439144496f01e9ffc411754d2e37d02fcc5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DispatchCatalog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"categoryCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dispatchCatalog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}},{"kind":"Argument","name":{"kind":"Name","value":"categoryCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"categoryCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"slaProfile"}},{"kind":"Field","name":{"kind":"Name","value":"legalBasis"}},{"kind":"Field","name":{"kind":"Name","value":"leadUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"validFrom"}}]}}]}}]} as unknown as DocumentNode<DispatchCatalogQuery, DispatchCatalogQueryVariables>;
export const RegionsDocument = {"__meta__":{"hash":"sha256:9bedeeeb44e99182ca03cc0fc8e62eb52cb655c9ab90e5cbc0a1a7c5ec73ca2c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Regions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"within"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"within"},"value":{"kind":"Variable","name":{"kind":"Name","value":"within"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"parent"}}]}}]}}]} as unknown as DocumentNode<RegionsQuery, RegionsQueryVariables>;
export const PartnerTransfersDocument = {"__meta__":{"hash":"sha256:fb86f30306505a898f14c0cbe1b9b1cfb97e510bbb2fa15561733e15b41dbf39"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerTransfers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TransferFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transfers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"partner"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"feedback"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"caller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<PartnerTransfersQuery, PartnerTransfersQueryVariables>;
export const ReceiveTransferDocument = {"__meta__":{"hash":"sha256:697c5be24718f5677c7d41d68a72e503bbd366df70edc5fa89451f1247414b7c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReceiveTransfer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InboundTransferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"receiveTransfer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<ReceiveTransferMutation, ReceiveTransferMutationVariables>;
export const AcknowledgeTransferDocument = {"__meta__":{"hash":"sha256:4c1f57e060d9e1cd09973e4a2edbe5b2a554f93eabd89015d76f7ce83ef9d8c0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcknowledgeTransfer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accepted"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"externalRef"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acknowledgeTransfer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"accepted"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accepted"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}},{"kind":"Argument","name":{"kind":"Name","value":"externalRef"},"value":{"kind":"Variable","name":{"kind":"Name","value":"externalRef"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}}]}}]}}]} as unknown as DocumentNode<AcknowledgeTransferMutation, AcknowledgeTransferMutationVariables>;
export const SubmitTransferFeedbackDocument = {"__meta__":{"hash":"sha256:5ccb3f59e17829d0f780627de026c7ab4847aa7d8afcb8c60a1533c444dd6663"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitTransferFeedback"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"feedback"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"final"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitTransferFeedback"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"feedback"},"value":{"kind":"Variable","name":{"kind":"Name","value":"feedback"}}},{"kind":"Argument","name":{"kind":"Name","value":"final"},"value":{"kind":"Variable","name":{"kind":"Name","value":"final"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"feedback"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}}]}}]}}]} as unknown as DocumentNode<SubmitTransferFeedbackMutation, SubmitTransferFeedbackMutationVariables>;
export const TransferEventsDocument = {"__meta__":{"hash":"sha256:92b82127ad25e79e3760dc1f5db653a0c395f3567b1d0ab447be93be36c95f34"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TransferEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transferEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"transfer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"feedback"}}]}}]}}]}}]} as unknown as DocumentNode<TransferEventsSubscription, TransferEventsSubscriptionVariables>;
export const TransferCaseDocument = {"__meta__":{"hash":"sha256:94bf4ce79cc1b0ce7c881a78e965186df6c4a3af976a4891250a7d73b941d816"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TransferCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"partner"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transferCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"partner"},"value":{"kind":"Variable","name":{"kind":"Name","value":"partner"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"partner"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<TransferCaseMutation, TransferCaseMutationVariables>;
export const RedriveTransferDocument = {"__meta__":{"hash":"sha256:2c26187cf741c387974aa3a47250538acaefae56bd167d542a16bf2b9f3b1167"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RedriveTransfer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"redriveTransfer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}}]}}]}}]} as unknown as DocumentNode<RedriveTransferMutation, RedriveTransferMutationVariables>;