import { createHash, randomUUID } from 'node:crypto';
import { ReferenceKind, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '../platform/db/orm';
import { badInput, conflict, forbidden } from '../platform/graphql/errors';
import { fromGlobalId } from '../platform/graphql/ids';
import type { HotlineContext } from './context';
import type { IntakeScreenResult } from './intake-screen';
import type { MatterSystem } from '../../connectors/kit/matters';
import {
  CaseEntity,
  CaseLinkEntity,
  KnowledgeItemEntity,
  MaliciousCallerEntity,
  MissedCallEntity,
  type Case,
  type MissedCall,
} from './entities';
import { isUuid } from './loaders';
import type { CaseType, Channel, Desk, Disposition, EmergencyLine, LegalRoute, Urgency } from './model';
import { applyTransition, decide, recordHistory } from './mutate';
import { segmentForSearch } from './text';
import { enterpriseCode, idNumber, optionalText, phoneNumber, regionCode, requiredText } from './validate';
import type { WorkflowAction } from './workflow';

export type CallerInput = {
  name?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  enterpriseCode?: string | null;
  confidential?: boolean | null;
  anonymous?: boolean | null;
  whistleblower?: boolean | null;
  callbackConsent?: boolean | null;
};

export type RegisterCaseInput = {
  channel: Channel;
  desk?: Desk | null;
  type: CaseType;
  urgency: Urgency;
  disposition: Disposition;
  categoryCode?: string | null;
  title: string;
  description: string;
  region: string;
  township?: string | null;
  address?: string | null;
  grid?: string | null;
  occurredAt?: Date | null;
  caller: CallerInput;
  legalRoute?: LegalRoute | null;
  explainReason?: string | null;
  emergencyLine?: EmergencyLine | null;
  answer?: { knowledgeItemId: string; text: string } | null;
  missedCallId?: string | null;
  idempotencyKey?: string | null;
  /** Set by the hotline itself for a matter a partner sent (partner-commands.ts); not in the GraphQL input. */
  origin?: { partner: string; externalRef: string; system: MatterSystem } | null;
  /**
   * Set by the hotline for a partner's matter that cites or resembles a case the partner may not see
   * (partner-commands.ts): recorded with the registration for a dispatcher, never a link or a share.
   */
  duplicateOf?: { caseNumber: string; evidence: 'CITED_BY_PARTNER' | 'SIMILAR_WORDS' } | null;
  /** Set by the hotline for a partner's transfer (partner-transfers.ts): the partner that handed the matter over reads its case. */
  transferredBy?: string | null;
};

/** Channels whose matters arrive from a partner system, which may locate them by district only. */
const PARTNER_CHANNELS: readonly Channel[] = ['PETITION_REFERRAL', 'SUPERVISION_LEAD'];

const EMERGENCY_PARTNER: Record<EmergencyLine, string> = { POLICE_110: 'police110', FIRE_119: 'fire119', MEDICAL_120: 'ems120', TRAFFIC_122: 'traffic122' };

/**
 * 受理 — registers a call or message as a case. The disposition is mandatory and decides the state
 * (66号 (二)) through the workflow table; an emergency transfer and a malicious referral are shared
 * with the receiving line, whose connector delivers it (the `case.changed` event). A retried
 * registration with the same idempotency key returns the same case; the key with another payload
 * is a CONFLICT.
 */
export async function registerCase(ctx: HotlineContext, input: RegisterCaseInput): Promise<Case> {
  if (!ctx.ability.can('create', 'Case')) throw forbidden('your role may not register cases');
  const key = input.idempotencyKey ? `${ctx.principal.sub}:${requiredText('input.idempotencyKey', input.idempotencyKey, { max: 100 })}` : undefined;
  const payloadHash = createHash('sha256').update(stableJson(input)).digest('hex');
  if (key) {
    // A plain lookup (a retry is rare; the query builder costs more than the query): the case is loaded only when found.
    const [known] = (await ctx.em.execute('select id from hotline."case" where idempotency_key = ?', [key])) as { id: string }[];
    const existing = known ? await ctx.em.findOne(CaseEntity, { id: known.id }) : null;
    if (existing) return sameOrConflict(existing, payloadHash);
  }
  if (!ctx.em.isInTransaction()) return ctx.em.transactional((tx) => register(ctx, tx, input, key, payloadHash));
  // In the request's transaction (the subgraph begins one per operation) without a savepoint of its
  // own (issue 7: two round trips per case): every check is made before the first write, and the
  // case goes in with ON CONFLICT DO NOTHING on its key, so neither a refusal nor a lost race leaves
  // a row behind; a statement that fails aborts the request's transaction, which then commits nothing.
  return register(ctx, ctx.em.fork({ keepTransactionContext: true }), input, key, payloadHash);
}

function sameOrConflict(existing: Case, payloadHash: string): Case {
  if (existing.payloadHash !== payloadHash) throw conflict('input.idempotencyKey was already used for a different registration');
  return existing;
}

async function register(ctx: HotlineContext, tx: EntityManager, input: RegisterCaseInput, idempotencyKey: string | undefined, payloadHash: string): Promise<Case> {
  const now = ctx.clock.now();
  const fields = await validateIntake(ctx, tx, input);
  const screens = await screenIntake(ctx, input, fields, now);
  const matched = screens.find((s) => s.outcome === 'MATCHED' && s.legalRoute);
  // A matter already in another channel (信访) is not accepted a second time: the caller is told
  // the route, and the case records the other channel's references (66号 (二), one matter, one handler).
  const effective: RegisterCaseInput = matched ? { ...input, disposition: 'INFORM_LEGAL_ROUTE', legalRoute: matched.legalRoute, answer: null } : input;
  const sharedWith = [
    ...(input.emergencyLine ? [EMERGENCY_PARTNER[input.emergencyLine]] : input.disposition === 'REFER_POLICE_MALICIOUS' ? ['police110'] : []),
    ...(matched ? [matched.partner] : []),
    ...(input.origin ? [input.origin.partner] : []),
    ...(input.transferredBy ? [input.transferredBy] : []),
  ];
  // Checked before anything is written (see registerCase): the callback the operator made.
  const missedCall = input.missedCallId ? await pendingMissedCall(tx, input.missedCallId) : undefined;
  // The case row is inserted below, in its final state, by one statement: not through the unit of work.
  const c: Case = {
    id: randomUUID(),
    // Taken below, once nothing can refuse the registration any more.
    number: '',
    channel: input.channel,
    desk: input.desk ?? 'GENERAL',
    type: input.type,
    urgency: input.urgency,
    disposition: effective.disposition,
    status: 'REGISTERED',
    categoryCode: fields.categoryCode,
    title: fields.title,
    description: fields.description,
    regionCode: input.region,
    regionPath: fields.regionPath,
    townshipCode: fields.township,
    address: fields.address,
    grid: optionalText('input.grid', input.grid, 64),
    occurredAt: input.occurredAt ?? undefined,
    callerName: fields.caller.name,
    callerPhone: fields.caller.phone,
    callerIdNumber: fields.caller.idNumber,
    callerEnterpriseCode: fields.caller.enterpriseCode,
    callerConfidential: input.caller.confidential ?? false,
    callerAnonymous: input.caller.anonymous ?? false,
    callerWhistleblower: input.caller.whistleblower ?? false,
    callerCallbackConsent: input.caller.callbackConsent ?? false,
    callerPhoneHash: fields.caller.phone ? ctx.runtime.pii.phone(fields.caller.phone) : undefined,
    // Mass assignment is impossible: tenancy and authorship come from the verified principal only.
    vendor: ctx.principal.vendor,
    intakeBy: ctx.principal.sub,
    coUnitIds: [],
    assignedUnitIds: [],
    sharedWith,
    deadlineBasis: {},
    provisionalDeadlines: [],
    lateSignings: 0,
    lateReplies: 0,
    legalRoute: effective.legalRoute ?? undefined,
    explainReason: fields.explainReason,
    emergencyLine: input.emergencyLine ?? undefined,
    knowledgeItemId: matched ? undefined : fields.answer?.knowledgeItemId,
    answerText: matched ? undefined : fields.answer?.text,
    idempotencyKey,
    payloadHash,
    searchText: segmentForSearch(`${fields.title} ${fields.description}`),
    followUpAttempts: 0,
    reopenCount: 0,
    sendBackCount: 0,
    unitsTried: [],
    extensionCount: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const settings = await ctx.runtime.settings();
  const action = dispositionAction(effective);
  const guard = { now, settings, facts: {} };
  // The workflow table may refuse the disposition: before the case takes a number (a number is
  // spent once taken, case-numbers.ts).
  decide(ctx, c, action, guard);
  c.number = await nextCaseNumber(ctx, fields.cityCode, now);
  recordHistory(tx, c, ctx.principal, 'register', undefined, 'REGISTERED', now, undefined, { channel: c.channel, desk: c.desk });
  const checks = screens.map((s) => ({ partner: s.partner, checkId: s.checkId, outcome: s.outcome, references: s.references }));
  await applyTransition(ctx, tx, c, action, guard, {
    data: {
      ...dispositionData(effective),
      ...(checks.length ? { intakeChecks: checks } : {}),
      ...(input.origin ? { partner: input.origin.partner, externalRef: input.origin.externalRef, linked: false } : {}),
      ...(input.duplicateOf ? { possibleDuplicateOf: input.duplicateOf.caseNumber, evidence: input.duplicateOf.evidence } : {}),
    },
  });
  if (input.origin) {
    const { partner, externalRef, system } = input.origin;
    tx.create(CaseLinkEntity, { id: randomUUID(), caseId: c.id, system, partner, reference: externalRef, relation: 'ORIGIN', status: 'REGISTERED', linkedAt: now, updatedAt: now });
  }
  for (const screen of screens.filter((s) => s.outcome === 'MATCHED')) {
    for (const reference of new Set(screen.references)) {
      tx.create(CaseLinkEntity, { id: randomUUID(), caseId: c.id, system: 'PETITION', partner: screen.partner, reference, relation: 'ALREADY_IN_PETITION', status: 'IN_PETITION_CHANNEL', linkedAt: now, updatedAt: now });
    }
  }
  // Every refusal is behind us: from here on only a failing statement stops the registration.
  // Without a missed call to update, the unit of work holds only new rows (history, outbox message,
  // links): they go in with the case, in one statement.
  const inserted = missedCall ? await insertCase(tx, c) : await insertCaseWithNewRows(tx, c);
  if (!inserted) {
    // A concurrent registration with the same key committed first: its answer is the answer.
    tx.clear();
    const existing = await tx.findOne(CaseEntity, { idempotencyKey: idempotencyKey! }, { refresh: true });
    if (!existing) throw conflict('input.idempotencyKey was already used for a different registration');
    return sameOrConflict(existing, payloadHash);
  }
  if (input.disposition === 'REFER_POLICE_MALICIOUS' && c.callerPhoneHash) {
    await tx.upsert(MaliciousCallerEntity, { phoneHash: c.callerPhoneHash, caseId: c.id, addedAt: now, addedBy: ctx.principal.sub });
  }
  if (missedCall) {
    markCalledBack(ctx, missedCall, c, now);
    await tx.flush();
  }
  return c;
}

/**
 * One INSERT of the case; with an idempotency key, ON CONFLICT DO NOTHING on it (a concurrent
 * registration with the same key waits for the first to commit or roll back). False: the key was taken.
 */
async function insertCase(tx: EntityManager, c: Case): Promise<boolean> {
  const statement = insertStatement(tx, CaseEntity.meta.className, [c]);
  const result = (await tx.execute(`${statement.sql} on conflict ("idempotency_key") do nothing`, statement.values, 'run')) as { affectedRows: number };
  return result.affectedRows === 1;
}

/**
 * The case and the new rows of the unit of work (its history events, outbox message, links) in ONE
 * statement (issue 7: three round trips and a unit-of-work flush per case): the case with ON
 * CONFLICT DO NOTHING on its key, each other row only if the case went in. The rows are then taken
 * out of the unit of work, which holds nothing else. False: the key was taken, nothing was written.
 */
async function insertCaseWithNewRows(tx: EntityManager, c: Case): Promise<boolean> {
  const byEntity = new Map<string, object[]>();
  for (const entity of tx.getUnitOfWork().getPersistStack()) {
    const name = (entity as object).constructor.name;
    byEntity.set(name, [...(byEntity.get(name) ?? []), entity as object]);
  }
  const head = insertStatement(tx, CaseEntity.meta.className, [c]);
  const parts = [`with c as (${head.sql} on conflict ("idempotency_key") do nothing returning 1)`];
  const values = [...head.values];
  [...byEntity].forEach(([name, rows], i) => {
    // Typed by casts: a VALUES list under SELECT does not take its types from the target columns.
    const rowsStatement = insertStatement(tx, name, rows, { typed: true });
    parts.push(`, r${i} as (${rowsStatement.sql.replace(' values ', ' select * from (values ')}) as v where exists (select 1 from c))`);
    values.push(...rowsStatement.values);
  });
  const [result] = (await tx.execute(`${parts.join('\n')} select count(*)::int as inserted from c`, values)) as { inserted: number }[];
  tx.clear();
  return result!.inserted === 1;
}

/**
 * `insert into <table> (<columns>) values (…), (…)` for rows of one entity, with its values converted
 * by each property's own type; the statement's text is built once per entity from its metadata (the
 * query builder maps a row's keys to column names one rename at a time: quadratic in the case's 60
 * columns, ~0.5 ms a registration). Database-generated keys (autoincrement) are left to the database.
 */
function insertStatement(tx: EntityManager, entityName: string, rows: object[], options: { typed?: boolean } = {}): { sql: string; values: unknown[] } {
  const metadata = tx.getMetadata();
  const cacheKey = `${entityName}${options.typed ? ':typed' : ''}`;
  let perMetadata = insertTemplates.get(metadata);
  if (!perMetadata) insertTemplates.set(metadata, (perMetadata = new Map()));
  let template = perMetadata.get(cacheKey);
  if (!template) {
    const meta = metadata.get(entityName);
    // Rows of plain columns only: a relation or an embeddable added later must not be dropped silently.
    const unsupported = meta.props.find((prop) => prop.persist !== false && (prop.kind !== ReferenceKind.SCALAR || (prop.fieldNames?.length ?? 0) > 1));
    if (unsupported) throw new Error(`${entityName}.${unsupported.name} is not a plain column: write ${entityName} through the unit of work`);
    const props = meta.props.filter((prop) => prop.persist !== false && !prop.formula && !prop.autoincrement && prop.fieldNames?.length === 1);
    const columns = props.map((prop) => `"${prop.fieldNames[0]}"`).join(', ');
    // Cast to the base type (varchar, not varchar(64)): an explicit cast would cut a long value
    // silently, where the column refuses it.
    const row = `(${props.map((prop) => (options.typed ? `?::${prop.columnTypes[0]!.replace(/\(.*\)$/, '')}` : '?')).join(', ')})`;
    template = { head: `insert into "${meta.schema}"."${meta.tableName}" (${columns}) values `, row, props };
    perMetadata.set(cacheKey, template);
  }
  const platform = tx.getPlatform();
  const { props } = template;
  const values = rows.flatMap((entity) =>
    props.map((prop) => {
      const value = (entity as Record<string, unknown>)[prop.name];
      if (value == null) return null;
      return prop.customType ? prop.customType.convertToDatabaseValue(value, platform, { fromQuery: true, key: prop.name, mode: 'query-data' }) : value;
    }),
  );
  return { sql: template.head + rows.map(() => template.row).join(', '), values };
}

const insertTemplates = new WeakMap<object, Map<string, { head: string; row: string; props: EntityProperty[] }>>();

/**
 * Runs the intake screens (the petition channel check) for a matter the hotline would accept, or
 * one the operator already routes to the petition channel (to record its references). A screen
 * that fails or is unavailable never blocks intake: it answers UNAVAILABLE and the case goes on.
 */
async function screenIntake(ctx: HotlineContext, input: RegisterCaseInput, fields: ValidIntake, now: Date): Promise<IntakeScreenResult[]> {
  const screens = ctx.runtime.intakeScreens;
  const accepting = input.disposition === 'HANDLE' || (input.disposition === 'INFORM_LEGAL_ROUTE' && input.legalRoute === 'ALREADY_IN_PETITION');
  if (screens.length === 0 || !accepting || (!fields.caller.phone && !fields.caller.idNumber)) return [];
  const request = {
    phone: fields.caller.phone,
    idNumber: fields.caller.idNumber,
    region: input.region,
    regionPath: fields.regionPath,
    categoryCode: fields.categoryCode,
    occurredAt: input.occurredAt ?? now,
    principalSub: ctx.principal.sub,
  };
  return Promise.all(screens.map((screen) => screen(request)));
}

function dispositionAction(input: RegisterCaseInput): WorkflowAction {
  switch (input.disposition) {
    case 'HANDLE':
      return input.answer ? 'answerDirectly' : 'awaitDispatch';
    case 'TRANSFER_EMERGENCY':
      return 'transferEmergency';
    case 'INFORM_LEGAL_ROUTE':
      return 'informLegalRoute';
    case 'EXPLAIN':
      return 'explain';
    case 'REFER_POLICE_MALICIOUS':
      return 'referPolice';
  }
}

function dispositionData(input: RegisterCaseInput): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries({ legalRoute: input.legalRoute, emergencyLine: input.emergencyLine, knowledgeItemId: input.answer?.knowledgeItemId }).filter(([, v]) => v != null),
  );
}

type ValidIntake = {
  title: string;
  description: string;
  categoryCode?: string;
  regionPath: string[];
  cityCode: string;
  township?: string;
  address?: string;
  explainReason?: string;
  answer?: { knowledgeItemId: string; text: string };
  caller: { name?: string; phone?: string; idNumber?: string; enterpriseCode?: string };
};

/** The five essentials (who, when, where, what happened, what is asked) and the disposition's own requirements. */
async function validateIntake(ctx: HotlineContext, tx: EntityManager, input: RegisterCaseInput): Promise<ValidIntake> {
  const { principal, runtime } = ctx;
  const role = principal.role;
  const title = requiredText('input.title', input.title, { max: 200 });
  const description = requiredText('input.description', input.description, { min: 5, max: 4000 });
  regionCode('input.region', input.region);
  const region = await runtime.region(tx, input.region);
  if (!region || region.level === 'PROVINCE') throw badInput('input.region', `${input.region} is not a city or district of this platform`);
  if (principal.region && !region.path.includes(principal.region)) throw badInput('input.region', `${input.region} is outside your region ${principal.region}`);
  let township: string | undefined;
  if (input.township) {
    const t = await runtime.region(tx, input.township);
    if (!t || t.parentCode !== input.region) throw badInput('input.township', `${input.township} is not a township or street of ${input.region}`);
    township = t.code;
  }
  let categoryCode: string | undefined;
  if (input.categoryCode) {
    const category = await runtime.category(tx, input.categoryCode);
    if (!category) throw badInput('input.categoryCode', `${input.categoryCode} is not in the classification catalog`);
    categoryCode = category.code;
  }
  const address = optionalText('input.address', input.address, 300);
  const caller = {
    name: optionalText('input.caller.name', input.caller.name, 64),
    phone: phoneNumber('input.caller.phone', input.caller.phone),
    idNumber: idNumber('input.caller.idNumber', input.caller.idNumber),
    enterpriseCode: enterpriseCode('input.caller.enterpriseCode', input.caller.enterpriseCode),
  };
  if (!input.caller.anonymous && !caller.phone && !caller.name) {
    throw badInput('input.caller', 'who is calling: give a name or a phone number, or mark the caller anonymous');
  }
  if (input.caller.anonymous && (caller.name || caller.idNumber)) throw badInput('input.caller', 'an anonymous caller has no name or ID number');
  if (input.disposition === 'HANDLE' && !input.answer) {
    if (!categoryCode) throw badInput('input.categoryCode', 'is required to dispatch the case (disposition HANDLE)');
    if (!address && !township && !PARTNER_CHANNELS.includes(input.channel)) throw badInput('input.address', 'where it happened is required to dispatch the case (or give input.township)');
  }
  const onlyWith = (field: string, value: unknown, disposition: Disposition) => {
    if (value != null && input.disposition !== disposition) throw badInput(field, `is only for disposition ${disposition}`);
    if (value == null && input.disposition === disposition) throw badInput(field, `is required with disposition ${disposition}`);
  };
  onlyWith('input.legalRoute', input.legalRoute, 'INFORM_LEGAL_ROUTE');
  onlyWith('input.emergencyLine', input.emergencyLine, 'TRANSFER_EMERGENCY');
  onlyWith('input.explainReason', input.explainReason, 'EXPLAIN');
  const explainReason = input.explainReason != null ? requiredText('input.explainReason', input.explainReason, { min: 5, max: 1000 }) : undefined;
  let answer: ValidIntake['answer'];
  if (input.answer) {
    if (input.disposition !== 'HANDLE') throw badInput('input.answer', 'an answer from the knowledge base is only for disposition HANDLE');
    // A complaint or a report needs a unit to act: answering it from the knowledge base would end it unhandled.
    const { answerDirectlyTypes } = await runtime.settings();
    if (!answerDirectlyTypes.includes(input.type)) {
      throw badInput('input.answer', `answering at once is for ${answerDirectlyTypes.join(', ')}; a ${input.type} goes to a unit (dispatch it)`);
    }
    const itemId = fromGlobalId('KnowledgeItem', input.answer.knowledgeItemId);
    const item = itemId && isUuid(itemId) ? await tx.findOne(KnowledgeItemEntity, { id: itemId }) : null;
    if (!item) throw badInput('input.answer.knowledgeItemId', 'is not a knowledge item');
    answer = { knowledgeItemId: item.id, text: requiredText('input.answer.text', input.answer.text, { min: 2, max: 4000 }) };
  }
  if (role === 'CONTRACT_OPERATOR' && (input.channel === 'TRANSFER_110' || input.channel === 'SUPERVISION_LEAD' || input.channel === 'PETITION_REFERRAL')) {
    throw forbidden(`third-party operators do not register ${input.channel} matters`);
  }
  return { title, description, categoryCode, regionPath: [...region.path], cityCode: region.path[1] ?? region.code, township, address, explainReason, answer, caller };
}

/**
 * 12345-<city>-<YYYYMMDD in China time>-<6-digit sequence>: unique, readable and stable. Taken once
 * the input is valid; a registration that fails after this leaves a gap (case-numbers.ts).
 */
async function nextCaseNumber(ctx: HotlineContext, cityCode: string, now: Date): Promise<string> {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  const prefix = `12345-${cityCode}-${day}`;
  return `${prefix}-${String(await ctx.runtime.caseNumbers.next(prefix)).padStart(6, '0')}`;
}

async function pendingMissedCall(tx: EntityManager, missedCallId: string): Promise<MissedCall> {
  const id = fromGlobalId('MissedCall', missedCallId);
  const call = id && isUuid(id) ? await tx.findOne(MissedCallEntity, { id }) : null;
  if (!call) throw badInput('input.missedCallId', 'is not a missed call');
  if (call.status !== 'PENDING') throw badInput('input.missedCallId', 'was already called back');
  return call;
}

function markCalledBack(ctx: HotlineContext, call: MissedCall, c: Case, now: Date): void {
  call.status = 'CALLED_BACK';
  call.caseId = c.id;
  call.calledBackBy = ctx.principal.sub;
  call.attempts += 1;
  call.lastAttemptAt = now;
}

/** JSON with sorted keys: the same registration always hashes the same. */
function stableJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] != null)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
