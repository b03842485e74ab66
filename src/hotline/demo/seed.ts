import type { CaseSnapshot } from '../../../connectors/kit/events';
import type { EntityManager } from '../../platform/db/orm';
import type { WorkingCalendar } from '../calendar';
import {
  CaseEntity,
  CaseEventEntity,
  CaseNumberCounterEntity,
  CatalogEntryEntity,
  DispatchObjectionEntity,
  FollowUpEntity,
  CategoryEntity,
  KnowledgeItemEntity,
  RegionEntity,
  UnitEntity,
  type Case,
  type CaseEvent,
  type SlaProfile,
} from '../entities';
import type { CaseStatus, Channel, Disposition, EmergencyLine, LegalRoute } from '../model';
import { ensureReferenceData, loadCalendar } from '../reference';
import { SlaProfileEntity } from '../entities';
import { computeDueAt } from '../deadlines';
import { segmentForSearch } from '../text';
import { ADDRESSES, CASE_TEMPLATES, CATALOG, CATEGORIES, GIVEN_NAMES, KNOWLEDGE, REGIONS, SURNAMES, UNITS, type DemoRegion } from './data';
import { seedHistory } from './history';
import { demoUuid, unitId } from './ids';

const DEMO_CASES = 200;

/**
 * Loads the demo province once (a second start finds it and does nothing): regions, units,
 * categories, catalog, knowledge and ~200 cases spread over types, channels, regions and states,
 * each with a history consistent with its state. Deterministic: the same data on every machine.
 * Returns the seeded cases' snapshots for the other modules' demo data, or null when already seeded.
 */
export async function seedHotlineDemo(em: EntityManager, now: Date): Promise<CaseSnapshot[] | null> {
  await ensureReferenceData(em, now);
  if ((await em.count(RegionEntity, {})) > 0) return null;
  const calendar = await loadCalendar(em);
  const profiles = new Map((await em.find(SlaProfileEntity, {})).map((p) => [p.name, p]));
  return em.transactional(async (tx) => {
    seedReferenceData(tx, now);
    const snapshots = seedCases(tx, now, calendar, profiles);
    await tx.flush();
    return snapshots;
  });
}

function seedReferenceData(em: EntityManager, now: Date): void {
  const byCode = new Map(REGIONS.map((r) => [r.code, r]));
  for (const region of REGIONS) em.create(RegionEntity, { ...region, path: regionPath(region, byCode) });
  for (const unit of UNITS) em.create(UnitEntity, { id: unitId(unit.key), name: unit.name, kind: unit.kind, level: unit.level, regionCode: unit.regionCode });
  for (const category of CATEGORIES) em.create(CategoryEntity, { ...category });
  const validFrom = new Date('2026-01-01T00:00:00+08:00');
  for (const entry of CATALOG) {
    em.create(CatalogEntryEntity, {
      id: demoUuid('catalog', `${entry.categoryCode}:${entry.regionCode}`),
      categoryCode: entry.categoryCode,
      regionCode: entry.regionCode,
      leadUnitId: unitId(entry.leadUnit),
      coUnitIds: entry.coUnits.map(unitId),
      slaProfile: entry.slaProfile,
      legalBasis: entry.legalBasis,
      validFrom,
      version: 1,
    });
  }
  KNOWLEDGE.forEach((item, i) =>
    em.create(KnowledgeItemEntity, {
      id: demoUuid('knowledge', String(i)),
      title: item.title,
      body: item.body,
      categoryCode: item.categoryCode,
      ownerUnitId: unitId(item.ownerUnit),
      regionCode: item.regionCode,
      searchText: segmentForSearch(`${item.title} ${item.body}`),
      validFrom,
      reviewBy: new Date(now.getTime() + 180 * 86_400_000),
      updatedAt: now,
    }),
  );
}

/** Where a demo case ends up, with its share of the 200. */
const OUTCOMES: { weight: number; status: CaseStatus; disposition: Disposition }[] = [
  { weight: 30, status: 'CLOSED', disposition: 'HANDLE' },
  { weight: 8, status: 'FOLLOW_UP_PENDING', disposition: 'HANDLE' },
  { weight: 8, status: 'REPLIED', disposition: 'HANDLE' },
  { weight: 12, status: 'SIGNED', disposition: 'HANDLE' },
  { weight: 12, status: 'DISPATCHED', disposition: 'HANDLE' },
  { weight: 4, status: 'RETURN_REQUESTED', disposition: 'HANDLE' },
  { weight: 3, status: 'SENT_BACK', disposition: 'HANDLE' },
  { weight: 5, status: 'PENDING_DISPATCH', disposition: 'HANDLE' },
  { weight: 6, status: 'ANSWERED_DIRECTLY', disposition: 'HANDLE' },
  { weight: 5, status: 'TRANSFERRED_OUT', disposition: 'TRANSFER_EMERGENCY' },
  { weight: 3, status: 'INFORMED_LEGAL_ROUTE', disposition: 'INFORM_LEGAL_ROUTE' },
  { weight: 2, status: 'EXPLAINED', disposition: 'EXPLAIN' },
  { weight: 1, status: 'REFERRED_POLICE', disposition: 'REFER_POLICE_MALICIOUS' },
];

const CHANNEL_WEIGHTS: [Channel, number][] = [
  ['PHONE', 55],
  ['MISSED_CALL_CALLBACK', 5],
  ['WEB', 8],
  ['APP', 8],
  ['MINI_PROGRAM', 10],
  ['SMS', 3],
  ['MAILBOX', 2],
  ['TRANSFER_110', 5],
  ['SUPERVISION_LEAD', 2],
  ['PETITION_REFERRAL', 2],
];

const EMERGENCY: EmergencyLine[] = ['POLICE_110', 'FIRE_119', 'MEDICAL_120', 'TRAFFIC_122'];
const LEGAL: LegalRoute[] = ['LITIGATION', 'ARBITRATION', 'ALREADY_IN_PETITION', 'INFORMATION_DISCLOSURE', 'ADMINISTRATIVE_RECONSIDERATION'];

/** The statuses a case passes through on its way to `status` (the happy path of the workflow). */
const PATH: Partial<Record<CaseStatus, CaseStatus[]>> = {
  PENDING_DISPATCH: ['PENDING_DISPATCH'],
  DISPATCHED: ['PENDING_DISPATCH', 'DISPATCHED'],
  RETURN_REQUESTED: ['PENDING_DISPATCH', 'DISPATCHED', 'RETURN_REQUESTED'],
  SIGNED: ['PENDING_DISPATCH', 'DISPATCHED', 'SIGNED'],
  REPLIED: ['PENDING_DISPATCH', 'DISPATCHED', 'SIGNED', 'REPLIED'],
  SENT_BACK: ['PENDING_DISPATCH', 'DISPATCHED', 'SIGNED', 'REPLIED', 'SENT_BACK'],
  FOLLOW_UP_PENDING: ['PENDING_DISPATCH', 'DISPATCHED', 'SIGNED', 'REPLIED', 'FOLLOW_UP_PENDING'],
  CLOSED: ['PENDING_DISPATCH', 'DISPATCHED', 'SIGNED', 'REPLIED', 'FOLLOW_UP_PENDING', 'CLOSED'],
};

const ACTION_FOR: Partial<Record<CaseStatus, string>> = {
  PENDING_DISPATCH: 'REGISTER',
  DISPATCHED: 'DISPATCH',
  SIGNED: 'SIGN',
  RETURN_REQUESTED: 'REQUEST_RETURN',
  REPLIED: 'REPLY',
  SENT_BACK: 'SEND_BACK',
  FOLLOW_UP_PENDING: 'ACCEPT_REPLY',
  CLOSED: 'RECORD_FOLLOW_UP',
};

function seedCases(em: EntityManager, now: Date, calendar: WorkingCalendar, profiles: Map<string, SlaProfile>): CaseSnapshot[] {
  const random = mulberry32(12345);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const weighted = <T>(items: readonly [T, number][]): T => {
    let r = random() * items.reduce((sum, [, w]) => sum + w, 0);
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![0];
  };
  const regions = new Map(REGIONS.map((r) => [r.code, r]));
  const townships = REGIONS.filter((r) => r.level === 'TOWNSHIP');
  const categories = new Map(CATEGORIES.map((c) => [c.code, c]));
  const counters = new Map<string, number>();
  const snapshots: CaseSnapshot[] = [];
  const cases: Case[] = [];

  for (let i = 0; i < DEMO_CASES; i++) {
    const template = pick(CASE_TEMPLATES);
    const township = pick(townships);
    const district = regions.get(township.parentCode!)!;
    const city = regions.get(district.parentCode!)!;
    const outcome = weighted(OUTCOMES.map((o) => [o, o.weight] as [typeof o, number]));
    const category = categories.get(template.categoryCode);
    const entry = CATALOG.find((e) => e.categoryCode === template.categoryCode && e.regionCode === district.code) ??
      CATALOG.find((e) => e.categoryCode === template.categoryCode && e.regionCode === city.code);
    const channel: Channel = outcome.disposition === 'HANDLE' ? weighted(CHANNEL_WEIGHTS) : 'PHONE';
    // Spread over the last 60 days, during the hotline's busy hours (08:00–20:00 CST).
    const daysAgo = outcome.status === 'PENDING_DISPATCH' || outcome.status === 'DISPATCHED' ? random() * 3 : 3 + random() * 57;
    const createdAt = new Date(now.getTime() - Math.floor(daysAgo) * 86_400_000);
    createdAt.setUTCHours(0 + Math.floor(random() * 12), Math.floor(random() * 60), Math.floor(random() * 60), 0);
    if (createdAt > now) createdAt.setTime(now.getTime() - 3_600_000);
    const address = `${city.name}${district.name}${township.name}${pick(ADDRESSES[township.code] ?? ['某社区'])}`;
    const description = pick(template.descriptions).replaceAll('{address}', address);
    const prefix = `12345-${city.code}-${cstYmd(createdAt)}`;
    const seq = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, seq);
    const dispatched = Boolean(PATH[outcome.status]?.includes('DISPATCHED')) && entry !== undefined;
    const leadUnitId = dispatched ? unitId(entry!.leadUnit) : undefined;
    const coUnitIds = dispatched ? entry!.coUnits.map(unitId) : [];
    const anonymous = random() < 0.05;
    const whistleblower = template.type === 'REPORT' && random() < 0.5;
    const profile = profiles.get(template.urgency === 'VERY_URGENT' ? 'VERY_URGENT' : (entry?.slaProfile ?? category?.slaProfile ?? 'GENERAL'));
    const id = demoUuid('case', String(i));
    const emergencyLine = outcome.disposition === 'TRANSFER_EMERGENCY' ? pick(EMERGENCY) : undefined;
    const sharedWith = [
      ...(emergencyLine ? [partnerOfLine(emergencyLine)] : []),
      ...(channel === 'TRANSFER_110' ? ['police110'] : []),
      ...(channel === 'PETITION_REFERRAL' ? ['petition'] : []),
      ...(channel === 'SUPERVISION_LEAD' ? ['supervision'] : []),
    ];
    const row: Case = {
      id,
      number: `${prefix}-${String(seq).padStart(6, '0')}`,
      channel,
      desk: template.categoryCode.startsWith('03') && random() < 0.3 ? 'ENTERPRISE' : random() < 0.03 ? 'DIALECT' : 'GENERAL',
      type: template.type,
      urgency: template.urgency ?? 'NORMAL',
      disposition: outcome.disposition,
      status: outcome.status,
      categoryCode: template.categoryCode,
      title: pick(template.titles),
      description,
      regionCode: district.code,
      regionPath: regionPath(district, regions),
      townshipCode: township.code,
      address,
      occurredAt: new Date(createdAt.getTime() - Math.floor(random() * 72) * 3_600_000),
      callerName: anonymous ? undefined : `${pick(SURNAMES)}${pick(GIVEN_NAMES)}`,
      callerPhone: anonymous ? undefined : `1${pick(['38', '39', '50', '58', '86', '87', '35', '36'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
      callerIdNumber: !anonymous && random() < 0.3 ? fakeIdNumber(district.code, random) : undefined,
      callerConfidential: random() < 0.1,
      callerAnonymous: anonymous,
      callerWhistleblower: whistleblower,
      callerCallbackConsent: !anonymous && random() < 0.8,
      vendor: channel === 'PHONE' && random() < 0.3 ? 'vendor-huayu' : undefined,
      intakeBy: channel === 'PHONE' && random() < 0.3 ? 'co-liuyang' : 'op-wangfang',
      leadUnitId,
      coUnitIds,
      assignedUnitIds: leadUnitId ? [leadUnitId, ...coUnitIds] : [],
      sharedWith,
      slaProfile: profile?.name,
      deadlineBasis: {},
      provisionalDeadlines: [],
      lateSignings: 0,
      lateReplies: 0,
      legalRoute: outcome.disposition === 'INFORM_LEGAL_ROUTE' ? pick(LEGAL) : undefined,
      explainReason: outcome.disposition === 'EXPLAIN' ? '诉求涉及他人隐私信息，依法不予受理，已向来电人解释说明。' : undefined,
      emergencyLine,
      searchText: '',
      followUpAttempts: 0,
      reopenCount: 0,
      sendBackCount: sendBacksBefore(outcome.status),
      unitsTried: [],
      extensionCount: 0,
      version: 1,
      createdAt,
      updatedAt: createdAt,
      closedAt: undefined,
    };
    row.searchText = segmentForSearch(`${row.title} ${row.description}`);
    const events = historyOf(row, now, random);
    const at = (status: CaseStatus) => events.find((e) => e.toStatus === status)?.at;
    row.dispatchedAt = at('DISPATCHED');
    if (row.dispatchedAt && profile) {
      row.dueAt = computeDueAt(calendar, profile, row.dispatchedAt);
      row.returnDeadline = calendar.addWorkingDays(row.dispatchedAt, 1);
      row.responseDueAt = row.returnDeadline;
    }
    row.signedAt = at('SIGNED');
    row.repliedAt = at('REPLIED');
    if (row.repliedAt) {
      row.replyResult = weighted([['RESOLVED', 70], ['PARTIALLY_RESOLVED', 15], ['EXPLAINED', 10], ['FINAL_REPLY', 5]]);
      row.replyText = '经现场核实，已协调相关方处理，并向来电人反馈处理结果。';
    }
    const closedAt = at('CLOSED');
    if (closedAt) {
      row.closedAt = closedAt;
      row.closeReason = 'FOLLOW_UP';
      row.followUpAttempts = 1;
      row.satisfaction = weighted([['SATISFIED', 70], ['BASICALLY_SATISFIED', 20], ['DISSATISFIED', 10]]);
      row.followUpResolved = row.replyResult === 'RESOLVED' || (row.replyResult === 'PARTIALLY_RESOLVED' && random() < 0.5);
      em.create(FollowUpEntity, {
        id: demoUuid('follow-up', String(i)),
        caseId: row.id,
        at: closedAt,
        by: 'op-wangfang',
        reached: true,
        resolved: row.followUpResolved,
        satisfaction: row.satisfaction,
      });
    }
    if (row.status === 'RETURN_REQUESTED') {
      em.create(DispatchObjectionEntity, {
        id: demoUuid('objection', String(i)),
        caseId: row.id,
        unitId: row.leadUnitId!,
        reason: 'WRONG_REMIT',
        note: '该事项属物业服务合同纠纷，不属本单位职责，请重新派单。',
        fromStatus: 'DISPATCHED',
        requestedAt: at('RETURN_REQUESTED')!,
        requestedBy: 'hd-sunli',
      });
    }
    const followUpAt = at('FOLLOW_UP_PENDING');
    if (followUpAt) row.followUpDueAt = calendar.addWorkingDays(followUpAt, 1);
    const last = events.at(-1)!;
    row.updatedAt = last.at;
    cases.push(row);
    em.create(CaseEntity, row);
    for (const event of events) em.create(CaseEventEntity, event);
    snapshots.push({
      caseId: row.id,
      number: row.number,
      channel: row.channel,
      disposition: row.disposition,
      status: row.status,
      emergencyLine: row.emergencyLine,
      utility: category?.utility,
      regionPath: row.regionPath,
      assignedUnitIds: row.assignedUnitIds,
      sharedWith: row.sharedWith,
      createdAt: row.createdAt.toISOString(),
    });
  }
  mergeDuplicates(em, cases, now);
  snapshots.push(...seedHistory(em, now, random, counters));
  for (const [prefix, last] of counters) em.create(CaseNumberCounterEntity, { prefix, last });
  return snapshots;
}

/** Two groups of callers about the same matter become master orders with children (并单). */
function mergeDuplicates(em: EntityManager, cases: Case[], now: Date): void {
  const open = cases.filter((c) => c.status === 'DISPATCHED' || c.status === 'SIGNED');
  for (let g = 0; g + 2 < open.length && g < 6; g += 3) {
    const [master, ...children] = open.slice(g, g + 3);
    for (const child of children) {
      child.masterId = master!.id;
      const from = child.status;
      child.status = 'MERGED';
      em.create(CaseEventEntity, {
        caseId: child.id,
        at: new Date(Math.min(now.getTime(), child.updatedAt.getTime() + 600_000)),
        actorId: 'dp-zhaolei',
        actorRole: 'DISPATCHER',
        action: 'MERGE',
        fromStatus: from,
        toStatus: 'MERGED',
        note: `与工单 ${master!.number} 反映同一事项，并单处理`,
      } as CaseEvent);
    }
  }
}

function historyOf(row: Case, now: Date, random: () => number): CaseEvent[] {
  const steps = PATH[row.status] ?? [row.status];
  const events: CaseEvent[] = [];
  let at = row.createdAt.getTime();
  let from: CaseStatus | undefined;
  for (const status of steps) {
    const action = ACTION_FOR[status] ?? 'REGISTER';
    const unitActor = ['SIGNED', 'REPLIED', 'RETURN_REQUESTED'].includes(status);
    events.push({
      caseId: row.id,
      at: new Date(Math.min(at, now.getTime())),
      actorId: unitActor ? 'hd-sunli' : status === 'PENDING_DISPATCH' ? row.intakeBy : 'dp-zhaolei',
      actorRole: unitActor ? 'HANDLER' : status === 'PENDING_DISPATCH' ? 'OPERATOR' : 'DISPATCHER',
      actorUnit: unitActor ? row.leadUnitId : undefined,
      action,
      fromStatus: from,
      toStatus: status,
      note: status === 'REPLIED' ? '经现场核实，已协调相关方处理完毕，并向来电人反馈。' : undefined,
    } as CaseEvent);
    from = status;
    at += Math.floor((2 + random() * 30) * 3_600_000);
  }
  return events;
}

/** Cases that were sent back once on their way (the send-back happened before the current state). */
function sendBacksBefore(status: CaseStatus): number {
  return status === 'SENT_BACK' ? 1 : 0;
}

function partnerOfLine(line: EmergencyLine): string {
  return { POLICE_110: 'police110', FIRE_119: 'fire119', MEDICAL_120: 'ems120', TRAFFIC_122: 'traffic122' }[line];
}

export function regionPath(region: DemoRegion, byCode: Map<string, DemoRegion>): string[] {
  const path: string[] = [];
  for (let r: DemoRegion | undefined = region; r; r = r.parentCode ? byCode.get(r.parentCode) : undefined) path.unshift(r.code);
  return path;
}

function cstYmd(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** A syntactically valid (checksummed) but fictional resident ID number. */
function fakeIdNumber(region: string, random: () => number): string {
  const birth = `19${60 + Math.floor(random() * 40)}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const body = `${region}${birth}${String(Math.floor(random() * 1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

/** Small deterministic PRNG, so the demo data is the same everywhere. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
